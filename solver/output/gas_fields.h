#ifndef noxflow_solver_output_gas_fields_h
#define noxflow_solver_output_gas_fields_h

#include <deal.II/numerics/data_postprocessor.h>

#include <physics/chemistry/speciation.h>
#include <solver/transport/nernst_planck_model.h>

#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief The gas phase of a gas-diffusion electrode as fields: per gas
   * species its mole fraction x_<g>, partial pressure p_<g>_Pa and, where
   * it dissolves, the dissolution rate a_gl k_gl (H p x - c),
   * dissolution_<g>_mol_m3s (zero outside the exchange regions; negative
   * where the liquid releases gas). Zero outside the gas regions.
   */
  template <int dim>
  class GasFields : public dealii::DataPostprocessor<dim>
  {
  public:
    explicit GasFields(const NernstPlanckModel<dim> &model)
      : model(model)
    {}

    std::vector<std::string>
    get_names() const override
    {
      std::vector<std::string> names;
      for (const auto &g : model.gas->species)
        {
          names.push_back("x_" + g.name);
          names.push_back("p_" + g.name + "_Pa");
          names.push_back("dissolution_" + g.name + "_mol_m3s");
        }
      return names;
    }

    dealii::UpdateFlags
    get_needed_update_flags() const override
    {
      return dealii::update_values | dealii::update_gradients;
    }

    void
    evaluate_vector_field(
      const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
      std::vector<dealii::Vector<double>> &computed) const override
    {
      const auto  &gas    = *model.gas;
      const auto   cell   = inputs.template get_cell<dim>();
      const auto  *region = gas.region(cell->material_id());
      const double c_ref  = model.scales.concentration;
      const double rho = model.region(cell->material_id()).fixed_charge / c_ref;
      Physics::Speciation::Point<dim> point;
      for (unsigned int q = 0; q < computed.size(); ++q)
        {
          const auto &v = inputs.solution_values[q];
          model.speciation().evaluate(v.begin(),
                                      inputs.solution_gradients[q].data(),
                                      rho,
                                      point);
          unsigned int out = 0;
          for (unsigned int i = 0; i < gas.n_species(); ++i)
            {
              const double x     = region ? v[model.gas_component(i)] : 0.;
              const int    s     = gas.dissolves_as[i];
              computed[q](out++) = x;
              computed[q](out++) = x * gas.pressure;
              computed[q](out++) =
                region && s >= 0 ?
                  gas.dissolution(i, *region, x, point.c[s] * c_ref) :
                  0.;
            }
        }
    }

  private:
    const NernstPlanckModel<dim> &model;
  };
} // namespace NOxFlow

#endif
