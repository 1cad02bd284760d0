#ifndef noxflow_solver_transport_species_flux_h
#define noxflow_solver_transport_species_flux_h

#include <deal.II/base/tensor.h>

namespace NOxFlow
{
  /**
   * @brief The diffusion-migration part of a species' Nernst-Planck flux,
   * D (grad c + z c grad psi) with psi = F phi_l / RT; the flux is
   * N = -D (grad c + z c grad psi) + u c. One formula for the operator, the
   * electrolyte current and the field output (any consistent units).
   */
  template <int dim>
  inline dealii::Tensor<1, dim>
  diffusion_migration_flux(const double                  diffusivity,
                           const double                  charge,
                           const double                  c,
                           const dealii::Tensor<1, dim> &grad_c,
                           const dealii::Tensor<1, dim> &grad_psi)
  {
    return diffusivity * (grad_c + charge * c * grad_psi);
  }
} // namespace NOxFlow

#endif
