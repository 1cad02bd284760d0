#ifndef noxflow_solver_flow_flow_cell_coefficients_h
#define noxflow_solver_flow_flow_cell_coefficients_h

#include <deal.II/base/types.h>

#include <solver/flow/flow_problem.h>

#include <array>

namespace NOxFlow
{
  /// Material data a flow cell's quadrature loop needs.
  struct FlowCellCoefficients
  {
    double                effective_viscosity = 0.; // mu/eps, 0 for Darcy
    double                inertia_density     = 0.; // rho/eps^2 (scaled)
    std::array<double, 3> drag                = {{0., 0., 0.}}; // mu/K
    std::array<double, 3> mobility            = {{0., 0., 0.}}; // K/mu
    bool                  porous              = false;
  };

  /// The coefficients of cells of @p material, with the density scaled by
  /// @p density_fraction (Reynolds continuation).
  template <int dim>
  FlowCellCoefficients
  flow_cell_coefficients(const FlowProblem<dim>          &flow,
                         const dealii::types::material_id material,
                         const double                     density_fraction)
  {
    FlowCellCoefficients c;
    const double         mu      = flow.fluid.viscosity;
    const auto          *medium  = flow.medium(material);
    const double         eps     = medium ? medium->porosity : 1.;
    const bool           viscous = medium == nullptr || medium->brinkman;
    c.porous                     = medium != nullptr;
    c.effective_viscosity        = viscous ? mu / eps : 0.;
    c.inertia_density            = flow.inertia && viscous ?
                                     density_fraction * flow.fluid.density / (eps * eps) :
                                     0.;
    if (medium)
      for (unsigned int d = 0; d < dim; ++d)
        {
          c.drag[d]     = mu / medium->permeability[d];
          c.mobility[d] = medium->permeability[d] / mu;
        }
    return c;
  }

  /// Grad-div coefficient gamma = mu_eff + rho_eff U h of a cell: it
  /// makes the pressure mass matrix weighted by 1/(mu_eff + gamma) a good
  /// Schur complement even with inertia (augmented-Lagrangian idea), and
  /// changes nothing for the exact, divergence-free solution.
  inline double
  grad_div_coefficient(const FlowCellCoefficients &c,
                       const double                velocity_scale,
                       const double                cell_size)
  {
    return c.effective_viscosity +
           c.inertia_density * velocity_scale * cell_size;
  }
} // namespace NOxFlow

#endif
