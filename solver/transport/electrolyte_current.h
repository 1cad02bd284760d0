#ifndef noxflow_solver_transport_electrolyte_current_h
#define noxflow_solver_transport_electrolyte_current_h

#include <deal.II/base/tensor.h>

#include <physics/constants.h>
#include <physics/electrolyte.h>
#include <solver/transport/species_flux.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Electrolyte current density, A/m2:
   * i = -F sum_s z_s D_s f (grad c_s + m z_s c_s grad psi), with f the
   * region's diffusivity factor, m the electrolyte's migration factor and
   * psi = F phi_l / RT. Advection carries
   * no net charge under electroneutrality, so it does not enter.
   *
   * @param c concentrations of all species, mol/m3
   * @param grad_c their gradients, mol/m4
   * @param grad_psi gradient of the scaled electrolyte potential, 1/m
   */
  template <int dim>
  inline dealii::Tensor<1, dim>
  electrolyte_current_density(const Physics::Electrolyte &electrolyte,
                              const double                diffusivity_factor,
                              const std::vector<double>  &c,
                              const std::vector<dealii::Tensor<1, dim>> &grad_c,
                              const dealii::Tensor<1, dim> &grad_psi)
  {
    dealii::Tensor<1, dim> current;
    for (unsigned int s = 0; s < electrolyte.n_species(); ++s)
      current -= Physics::Constants::faraday * electrolyte[s].charge *
                 diffusion_migration_flux(electrolyte[s].diffusivity *
                                            diffusivity_factor,
                                          electrolyte[s].charge *
                                            electrolyte.migration_factor(),
                                          c[s],
                                          grad_c[s],
                                          grad_psi);
    return current;
  }
} // namespace NOxFlow

#endif
