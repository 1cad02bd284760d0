#include <petscmat.h>
#include <petscvec.h>

#include <solver/base/petsc_check.h>
#include <solver/transport/local_system.h>
#include <solver/transport/local_to_global.h>
#include <solver/transport/nernst_planck_operator.h>

#include <algorithm>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  LocalToGlobal<dim>::LocalToGlobal(const Discretization<dim> &discretization)
    : discretization(discretization)
  {}

  template <int dim>
  const std::vector<bool> &
  LocalToGlobal<dim>::unconstrained_cells()
  {
    const auto &constraints              = discretization.update_constraints;
    const std::array<std::size_t, 3> now = {
      {discretization.triangulation.n_active_cells(),
       discretization.dof_handler.n_dofs(),
       constraints.n_constraints()}};
    if (now == built_for)
      return unconstrained;
    built_for = now;
    unconstrained.assign(now[0], false);
    std::vector<types::global_dof_index> dofs(
      discretization.fe->n_dofs_per_cell());
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(dofs);
          unconstrained[cell->active_cell_index()] =
            std::none_of(dofs.begin(), dofs.end(), [&](const auto i) {
              return constraints.is_constrained(i);
            });
        }
    return unconstrained;
  }

  template <int dim>
  void
  LocalToGlobal<dim>::add(const unsigned int active_cell_index,
                          const std::vector<types::global_dof_index> &dofs,
                          const LocalSystem                          &local,
                          const AffineConstraints<double> &constraints,
                          AssemblyTargets                 &targets)
  {
    if (&constraints == &discretization.update_constraints &&
        unconstrained_cells()[active_cell_index])
      add_directly(dofs, local, targets);
    else
      add_through(constraints, dofs, local, targets);
  }

  template <int dim>
  void
  LocalToGlobal<dim>::add_directly(
    const std::vector<types::global_dof_index> &dofs,
    const LocalSystem                          &local,
    AssemblyTargets                            &targets)
  {
    // The pattern holds the block's nonzeros (compacted: those the
    // operator writes), and its zeros are left out, so nothing outside the
    // pattern is inserted. Columns ascend within a row, so that each is
    // found by one walk along the stored row (half the local matrix is
    // zeros; the whole unsorted block in one MatSetValues call made the
    // assembly 30 % slower than AffineConstraints' row-by-row path).
    const unsigned int n = dofs.size();
    order.resize(n);
    indices.resize(n);
    columns.resize(n);
    values.resize(n);
    for (unsigned int k = 0; k < n; ++k)
      order[k] = k;
    std::sort(order.begin(), order.end(), [&](const auto a, const auto b) {
      return dofs[a] < dofs[b];
    });
    for (unsigned int k = 0; k < n; ++k)
      indices[k] = dofs[order[k]];
    const Mat jacobian =
      targets.jacobian && local.with_matrix ? Mat(*targets.jacobian) : nullptr;
    if (jacobian)
      for (unsigned int k = 0; k < n; ++k)
        {
          PetscInt n_nonzero = 0;
          for (unsigned int l = 0; l < n; ++l)
            if (const double value = local.matrix(order[k], order[l]);
                value != 0.)
              {
                columns[n_nonzero]  = indices[l];
                values[n_nonzero++] = value;
              }
          if (!jacobian_rows.add(
                indices[k], n_nonzero, columns.data(), values.data()))
            NOXFLOW_PETSC(MatSetValues(jacobian,
                                       1,
                                       &indices[k],
                                       n_nonzero,
                                       columns.data(),
                                       values.data(),
                                       ADD_VALUES));
        }
    const std::pair<PETScWrappers::MPI::Vector *, const Vector<double> *>
      vectors[] = {{targets.residual, &local.residual},
                   {targets.d_residual_d_potential, &local.d_potential},
                   {targets.d_current_d_solution, &local.d_current}};
    for (const auto &[target, local_values] : vectors)
      if (target)
        {
          for (unsigned int k = 0; k < n; ++k)
            values[k] = (*local_values)[order[k]];
          NOXFLOW_PETSC(VecSetValues(
            *target, n, indices.data(), values.data(), ADD_VALUES));
        }
  }

  template <int dim>
  void
  LocalToGlobal<dim>::add_through(
    const AffineConstraints<double>            &constraints,
    const std::vector<types::global_dof_index> &dofs,
    const LocalSystem                          &local,
    AssemblyTargets                            &targets)
  {
    const bool with_matrix = targets.jacobian != nullptr && local.with_matrix;
    if (with_matrix && targets.residual)
      constraints.distribute_local_to_global(local.matrix,
                                             local.residual,
                                             dofs,
                                             *targets.jacobian,
                                             *targets.residual);
    else if (with_matrix)
      constraints.distribute_local_to_global(local.matrix,
                                             dofs,
                                             *targets.jacobian);
    else if (targets.residual)
      constraints.distribute_local_to_global(local.residual,
                                             dofs,
                                             *targets.residual);
    // AffineConstraints' MatSetValues may have inserted outside the
    // pattern, which reallocates the arrays.
    if (with_matrix)
      jacobian_rows.recheck();
    if (targets.d_residual_d_potential)
      constraints.distribute_local_to_global(local.d_potential,
                                             dofs,
                                             *targets.d_residual_d_potential);
    if (targets.d_current_d_solution)
      constraints.distribute_local_to_global(local.d_current,
                                             dofs,
                                             *targets.d_current_d_solution);
  }

  template <int dim>
  void
  LocalToGlobal<dim>::start(AssemblyTargets &targets)
  {
    if (targets.jacobian)
      jacobian_rows.acquire(*targets.jacobian);
  }

  template <int dim>
  void
  LocalToGlobal<dim>::finish(const bool complete)
  {
    jacobian_rows.release(complete);
  }

  template class LocalToGlobal<2>;
  template class LocalToGlobal<3>;
} // namespace NOxFlow
