#ifndef noxflow_solver_transport_jacobian_pattern_h
#define noxflow_solver_transport_jacobian_pattern_h

#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_operator.h>

#include <vector>

namespace NOxFlow
{
  /**
   * Compacts the Jacobian's pattern before any solve on this mesh: the
   * operator assembles its Jacobian at a generic state near @p solution
   * (every unknown shifted by a different small amount, so that no entry
   * vanishes by coincidence: equal neighbouring values, zero
   * concentrations of a cold start), and Discretization::
   * compact_jacobian_pattern() keeps what is nonzero there. The full
   * cell-coupling pattern then never reaches a linear solver, its
   * field-split blocks or its AMG hierarchies (the peak memory of a 3D
   * run). An entry nonzero elsewhere but not at the generic state would
   * still be taken later (allocated), so the matrix stays exact.
   */
  template <int dim>
  void
  compact_jacobian_pattern_at_generic_state(
    const NernstPlanckOperator<dim>          &op,
    Discretization<dim>                      &discretization,
    const dealii::PETScWrappers::MPI::Vector &solution,
    const std::vector<double>                &f_electrode_potentials);

  /// Allocations PETSc made for entries outside the Jacobian's pattern
  /// since its last reinit (zero when the pattern held every entry).
  template <int dim>
  double
  jacobian_allocations(const Discretization<dim> &discretization);
} // namespace NOxFlow

#endif
