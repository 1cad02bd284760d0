#ifndef noxflow_solver_output_porous_electrode_fields_h
#define noxflow_solver_output_porous_electrode_fields_h

#include <deal.II/numerics/data_postprocessor.h>

#include <physics/constants.h>
#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/nernst_planck_model.h>

#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief What a porous-electrode designer looks at, as fields: the solid
   * potential phi_s_V, per reaction of a porous electrode its overpotential
   * eta_<r>_V and current per interface area rate_<r>_A_m2, and the
   * volumetric current i_volumetric_A_m3 (sum of a_v i). Zero outside the
   * porous electrodes' regions (select them by region_id).
   */
  template <int dim>
  class PorousElectrodeFields : public dealii::DataPostprocessor<dim>
  {
  public:
    PorousElectrodeFields(const NernstPlanckModel<dim> &model,
                          const std::vector<double>    &f_electrode_potentials)
      : model(model)
      , f_phi_s(f_electrode_potentials)
    {
      for (const auto &porous : model.porous_electrodes)
        for (const unsigned int r : model.reactions_on(porous.electrode))
          reactions.push_back(r);
    }

    std::vector<std::string>
    get_names() const override
    {
      std::vector<std::string> names = {"phi_s_V"};
      for (const unsigned int r : reactions)
        names.push_back("eta_" + model.reactions[r].name + "_V");
      for (const unsigned int r : reactions)
        names.push_back("rate_" + model.reactions[r].name + "_A_m2");
      names.push_back("i_volumetric_A_m3");
      return names;
    }

    dealii::UpdateFlags
    get_needed_update_flags() const override
    {
      return dealii::update_values;
    }

    void
    evaluate_vector_field(
      const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
      std::vector<dealii::Vector<double>> &computed) const override
    {
      const auto  cell   = inputs.template get_cell<dim>();
      const auto *porous = model.porous_electrode_in(cell->material_id());
      for (auto &values : computed)
        values = 0.;
      if (!porous)
        return;
      const double        f_rt  = model.electrolyte.f_over_rt();
      const double        a_v   = porous->specific_area_in(cell->material_id());
      const double        c_ref = model.scales.concentration;
      const unsigned int  n     = model.electrolyte.n_species();
      std::vector<double> c(n);
      Physics::Speciation::Point<dim> point;
      Physics::ReactionRate           rate;
      const auto &region = model.region(cell->material_id());
      for (unsigned int q = 0; q < computed.size(); ++q)
        {
          const auto &v = inputs.solution_values[q];
          model.speciation().evaluate(v.begin(),
                                      region.fixed_charge / c_ref,
                                      point);
          for (unsigned int s = 0; s < n; ++s)
            c[s] = point.c[s] * c_ref;
          const double psi = v[model.potential_component()];
          const double f_solid =
            f_phi_s[porous->electrode] + v[model.solid_component()];
          computed[q](0)                = f_solid / f_rt;
          const unsigned int n_r        = reactions.size();
          double             volumetric = 0.;
          for (unsigned int k = 0; k < n_r; ++k)
            {
              const auto &reaction = model.reactions[reactions[k]];
              if (model.reaction_electrode[reactions[k]] != porous->electrode)
                continue;
              const double f_eta = scaled_overpotential(reaction, f_solid, psi);
              reaction.evaluate(c, f_eta, rate);
              computed[q](1 + k)       = f_eta / f_rt;
              computed[q](1 + n_r + k) = rate.current_density;
              volumetric += a_v * rate.current_density;
            }
          computed[q](1 + 2 * n_r) = volumetric;
        }
    }

  private:
    const NernstPlanckModel<dim> &model;
    const std::vector<double>     f_phi_s;
    std::vector<unsigned int>     reactions;
  };
} // namespace NOxFlow

#endif
