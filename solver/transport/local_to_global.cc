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
  const std::vector<typename LocalToGlobal<dim>::Path> &
  LocalToGlobal<dim>::paths()
  {
    const auto &constraints              = discretization.update_constraints;
    const std::array<std::size_t, 3> now = {
      {discretization.triangulation.n_active_cells(),
       discretization.dof_handler.n_dofs(),
       constraints.n_constraints()}};
    if (now == built_for)
      return cell_paths;
    built_for = now;
    cell_paths.assign(now[0], Path::general);
    // A zero row: a homogeneous constraint without entries (Dirichlet
    // updates, the solid potential outside the solid). Hanging nodes have
    // entries.
    const auto zero_row = [&](const types::global_dof_index i) {
      const auto *entries = constraints.get_constraint_entries(i);
      return entries && entries->empty() &&
             !constraints.is_inhomogeneously_constrained(i);
    };
    std::vector<types::global_dof_index> dofs(
      discretization.fe->n_dofs_per_cell());
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(dofs);
          bool free = true, zero_rows_only = true;
          for (const auto i : dofs)
            if (constraints.is_constrained(i))
              {
                free = false;
                zero_rows_only &= zero_row(i);
              }
          cell_paths[cell->active_cell_index()] =
            free           ? Path::direct :
            zero_rows_only ? Path::direct_with_zero_rows :
                             Path::general;
        }
    return cell_paths;
  }

  template <int dim>
  void
  LocalToGlobal<dim>::add(const unsigned int active_cell_index,
                          const std::vector<types::global_dof_index> &dofs,
                          const LocalSystem                          &local,
                          const AffineConstraints<double> &constraints,
                          AssemblyTargets                 &targets)
  {
    const Path path = &constraints == &discretization.update_constraints ?
                        paths()[active_cell_index] :
                        Path::general;
    if (path == Path::general)
      add_through(constraints, dofs, local, targets);
    else
      add_directly(dofs, local, path == Path::direct_with_zero_rows, targets);
  }

  template <int dim>
  void
  LocalToGlobal<dim>::add_directly(
    const std::vector<types::global_dof_index> &dofs,
    const LocalSystem                          &local,
    const bool                                  zero_rows,
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
    // As AffineConstraints does with homogeneous constraints without
    // entries: their rows and columns are left out, and a zero row gets
    // |its local diagonal| or, where that is zero, the local matrix's mean
    // |diagonal| (its l1 norm / n, or 1, where those are zero).
    zero_row.assign(n, false);
    if (zero_rows)
      for (unsigned int k = 0; k < n; ++k)
        zero_row[k] =
          discretization.update_constraints.is_constrained(indices[k]);
    const Mat jacobian =
      targets.jacobian && local.with_matrix ? Mat(*targets.jacobian) : nullptr;
    if (jacobian)
      for (unsigned int k = 0; k < n; ++k)
        {
          PetscInt n_nonzero = 0;
          if (zero_row[k])
            {
              columns[0] = indices[k];
              values[0]  = zero_row_diagonal(local, order[k]);
              n_nonzero  = 1;
            }
          else
            for (unsigned int l = 0; l < n; ++l)
              if (const double value = local.matrix(order[k], order[l]);
                  value != 0. && !zero_row[l])
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
            values[k] = zero_row[k] ? 0. : (*local_values)[order[k]];
          NOXFLOW_PETSC(VecSetValues(
            *target, n, indices.data(), values.data(), ADD_VALUES));
        }
  }

  template <int dim>
  double
  LocalToGlobal<dim>::zero_row_diagonal(const LocalSystem &local,
                                        const unsigned int i)
  {
    // deal.II's set_matrix_diagonals, for one constrained row.
    if (const double diagonal = std::abs(local.matrix(i, i)); diagonal != 0.)
      return diagonal;
    const unsigned int n    = local.matrix.m();
    double             mean = 0.;
    for (unsigned int k = 0; k < n; ++k)
      mean += std::abs(local.matrix(k, k));
    mean /= n;
    if (mean == 0.)
      mean = local.matrix.l1_norm() / n;
    return mean == 0. ? 1. : mean;
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
