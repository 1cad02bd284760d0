#include <petscmat.h>

#include <solver/base/petsc_check.h>
#include <solver/transport/jacobian_pattern.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  void
  compact_jacobian_pattern_at_generic_state(
    const NernstPlanckOperator<dim>  &op,
    Discretization<dim>              &discretization,
    const PETScWrappers::MPI::Vector &solution,
    const std::vector<double>        &f_electrode_potentials)
  {
    // Scaled unknowns are O(1) (concentrations, logarithms, F phi / RT):
    // shifts of 0.01-0.02, set by the global index (the same pattern on
    // any number of ranks), change no sign and overflow nothing.
    auto generic = solution;
    for (const auto i : discretization.owned_dofs)
      generic(i) += 0.01 * (1. + static_cast<double>((i * 7919) % 101) / 101.);
    generic.compress(VectorOperation::add);

    AssemblyTargets targets;
    targets.jacobian = &discretization.jacobian;
    op.assemble(discretization.ghosted(generic),
                f_electrode_potentials,
                -1,
                discretization.update_constraints,
                targets);
    discretization.compact_jacobian_pattern();
  }

  template <int dim>
  double
  jacobian_allocations(const Discretization<dim> &discretization)
  {
    MatInfo info;
    NOXFLOW_PETSC(MatGetInfo(discretization.jacobian, MAT_LOCAL, &info));
    return info.mallocs;
  }

  template void
  compact_jacobian_pattern_at_generic_state<2>(
    const NernstPlanckOperator<2> &,
    Discretization<2> &,
    const PETScWrappers::MPI::Vector &,
    const std::vector<double> &);
  template void
  compact_jacobian_pattern_at_generic_state<3>(
    const NernstPlanckOperator<3> &,
    Discretization<3> &,
    const PETScWrappers::MPI::Vector &,
    const std::vector<double> &);
  template double
  jacobian_allocations<2>(const Discretization<2> &);
  template double
  jacobian_allocations<3>(const Discretization<3> &);
} // namespace NOxFlow
