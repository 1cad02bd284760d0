#ifndef noxflow_solver_nernst_planck_model_h
#define noxflow_solver_nernst_planck_model_h

#include <deal.II/base/function.h>
#include <deal.II/base/types.h>

#include <physics/electrolyte.h>
#include <physics/kinetics/electrode_reaction.h>
#include <solver/velocity_field.h>

#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief Reference scales that make the Nernst-Planck system O(1).
   *
   * Unknowns are c/c_ref and psi = F phi_l / RT; every equation is divided by
   * D_ref c_ref L_ref^(dim-2), so that diffusion entries are O(1) in 2D and 3D.
   */
  struct Scales
  {
    double concentration = 1.;
    double diffusivity   = 1.;
    double length        = 1.;
  };

  /**
   * @brief The steady electroneutral Nernst-Planck problem on a mesh:
   * what the assembly needs and nothing about how it is solved.
   *
   * Solution components: the transported species (Electrolyte order without
   * the electroneutrality species) as c/c_ref, then psi = F phi_l / RT.
   */
  template <int dim>
  struct NernstPlanckModel
  {
    Physics::Electrolyte                    electrolyte;
    std::vector<Physics::ElectrodeReaction> reactions;
    /// Boundary of each electrode and the electrode of each reaction.
    std::vector<dealii::types::boundary_id> electrode_boundaries;
    std::vector<std::string>                electrode_names;
    std::vector<unsigned int>               reaction_electrode;

    /// Species held at boundary_values (inlets, bulk).
    std::set<dealii::types::boundary_id> concentration_dirichlet;
    /// psi held at boundary_values (a bulk reference electrode).
    std::set<dealii::types::boundary_id> potential_dirichlet;

    /// Velocity in m/s (dim components), or null for no flow.
    std::shared_ptr<const VelocityField<dim>> velocity;
    /// Dirichlet values in solution components (scaled).
    std::shared_ptr<const dealii::Function<dim>> boundary_values;
    /// Optional sources for verification, one component per species,
    /// scaled by c_ref: volume (1/s) and boundary (m/s, into the domain).
    std::shared_ptr<const dealii::Function<dim>> volume_source;
    std::shared_ptr<const dealii::Function<dim>> boundary_source;

    bool   stabilization = true;
    Scales scales;

    unsigned int
    n_components() const
    {
      return electrolyte.transported_species().size() + 1;
    }

    unsigned int
    potential_component() const
    {
      return electrolyte.transported_species().size();
    }

    /// Factor of every equation besides dividing fluxes by D_ref:
    /// 1 / L_ref^(dim-2).
    double
    equation_scale() const
    {
      return 1. / std::pow(scales.length, dim - 2);
    }

    /// Scaled residual of a species row -> molar flux, mol/s (mol/(m s) in
    /// 2D).
    double
    residual_to_molar_flux() const
    {
      return scales.concentration * scales.diffusivity / equation_scale();
    }

    /// Smallest scaled concentration Newton may step to and a converged
    /// solution may have. Q1 on the stretched cells of boundary layers is
    /// not monotone, so products next to an electrode edge undershoot
    /// slightly; such values are reported, larger ones fail the step.
    static constexpr double negative_concentration_tolerance = 1e-3;

    /// Reactions running on electrode @p e.
    std::vector<unsigned int>
    reactions_on(const unsigned int e) const
    {
      std::vector<unsigned int> result;
      for (unsigned int r = 0; r < reactions.size(); ++r)
        if (reaction_electrode[r] == e)
          result.push_back(r);
      return result;
    }

    /// Component names for output and solver options (e.g. "NO3-", "psi").
    std::vector<std::string>
    component_names() const
    {
      std::vector<std::string> names;
      for (const unsigned int s : electrolyte.transported_species())
        names.push_back(electrolyte[s].name);
      names.push_back("psi");
      return names;
    }
  };
} // namespace NOxFlow

#endif
