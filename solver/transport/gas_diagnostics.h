#ifndef noxflow_solver_transport_gas_diagnostics_h
#define noxflow_solver_transport_gas_diagnostics_h

#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Per gas species, mol/s (mol/(m s) in 2D): what dissolves into
   * the electrolyte, a_gl k_gl (H p x - c) lumped at the nodes as the
   * GasLiquidExchangeTerm assembles it (negative where the liquid
   * releases gas). Empty without a gas phase.
   */
  template <int dim>
  std::vector<double>
  gas_dissolved(const Discretization<dim>                &discretization,
                const NernstPlanckModel<dim>             &model,
                const dealii::PETScWrappers::MPI::Vector &ghosted_solution);
} // namespace NOxFlow

#endif
