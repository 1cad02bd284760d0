#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/block_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <solver/base/petsc_check.h>
#include <solver/flow/flow_cell_coefficients.h>
#include <solver/flow/low_order_velocity_matrix.h>

#include <stdexcept>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Two points per direction in each Q1 sub-cell: exact for the mass
    /// and stiffness parts on parallelepipeds.
    template <int dim>
    QIterated<dim>
    sub_cell_quadrature()
    {
      return QIterated<dim>(QGauss<1>(2), 2);
    }
  } // namespace

  template <int dim>
  LowOrderVelocityMatrix<dim>::LowOrderVelocityMatrix(
    const FiniteElement<dim> &flow_element)
    : flow_element(flow_element)
    , scalar_element(2)
  {
    // The matrix is addressed with the Q2 element's DoF indices, so both
    // elements must number the same nodes the same way.
    const auto &q2_points =
      flow_element.base_element(0).get_unit_support_points();
    const auto &iso_points = scalar_element.get_unit_support_points();
    if (q2_points.size() != iso_points.size())
      throw std::logic_error(
        "LowOrderVelocityMatrix: velocity element is not Q2");
    for (unsigned int k = 0; k < q2_points.size(); ++k)
      if (q2_points[k].distance(iso_points[k]) > 1e-12)
        throw std::logic_error(
          "LowOrderVelocityMatrix: Q2 and iso-Q1 nodes differ");

    const unsigned int   n          = scalar_element.n_dofs_per_cell();
    const QIterated<dim> quadrature = sub_cell_quadrature<dim>();
    sub_cell_coupling.reinit(n, n);
    for (unsigned int k = 0; k < n; ++k)
      for (unsigned int l = 0; l < n; ++l)
        for (const auto &point : quadrature.get_points())
          if (scalar_element.shape_value(k, point) != 0. &&
              scalar_element.shape_value(l, point) != 0.)
            sub_cell_coupling(k, l) = true;
  }

  template <int dim>
  void
  LowOrderVelocityMatrix<dim>::reinit(
    const DoFHandler<dim>           &dofs,
    const AffineConstraints<double> &constraints,
    const std::vector<IndexSet>     &owned,
    const std::vector<IndexSet>     &relevant)
  {
    const unsigned int n_dofs = flow_element.n_dofs_per_cell();
    Table<2, bool>     mask(n_dofs, n_dofs);
    for (unsigned int i = 0; i < n_dofs; ++i)
      for (unsigned int j = 0; j < n_dofs; ++j)
        {
          const auto [ci, ki] = flow_element.system_to_component_index(i);
          const auto [cj, kj] = flow_element.system_to_component_index(j);
          mask(i, j) = ci < dim && cj < dim && sub_cell_coupling(ki, kj);
        }

    BlockDynamicSparsityPattern          dsp(relevant);
    std::vector<types::global_dof_index> local_dofs(n_dofs);
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(local_dofs);
          constraints.add_entries_local_to_global(local_dofs, dsp, false, mask);
        }
    IndexSet relevant_all;
    DoFTools::extract_locally_relevant_dofs(dofs, relevant_all);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               dofs.locally_owned_dofs(),
                                               dofs.get_communicator(),
                                               relevant_all);
    matrix.reinit(owned, dsp, dofs.get_communicator());
    // The cell matrices are assembled in full; their zeros lie outside
    // the sub-cell pattern and must not be inserted.
    NOXFLOW_PETSC(
      MatSetOption(matrix.block(0, 0), MAT_IGNORE_ZERO_ENTRIES, PETSC_TRUE));
  }

  template <int dim>
  void
  LowOrderVelocityMatrix<dim>::assemble(
    const DoFHandler<dim>           &dofs,
    const AffineConstraints<double> &constraints,
    const FlowProblem<dim>          &flow,
    const BlockVector               &solution,
    const double                     density_fraction,
    const double                     velocity_scale)
  {
    const QIterated<dim> quadrature = sub_cell_quadrature<dim>();
    FEValues<dim>        low_order(scalar_element,
                            quadrature,
                            update_values | update_gradients |
                              update_JxW_values);
    FEValues<dim>        flow_values(flow_element, quadrature, update_values);
    const FEValuesExtractors::Vector velocities(0);
    const unsigned int               n   = scalar_element.n_dofs_per_cell();
    const unsigned int               n_q = quadrature.size();

    // Per cell: the component-independent part, the mass matrix and the
    // grad-div parts d_e . d_r; each block of components is their sum.
    FullMatrix<double> common(n, n), mass(n, n), block_matrix(n, n);
    std::vector<FullMatrix<double>>      grad_div(dim * dim,
                                             FullMatrix<double>(n, n));
    std::vector<types::global_dof_index> row_dofs(n), column_dofs(n);
    std::vector<Tensor<1, dim>>          u(n_q);
    std::vector<types::global_dof_index> local_dofs(
      flow_element.n_dofs_per_cell());

    matrix = 0.;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        low_order.reinit(
          static_cast<typename Triangulation<dim>::cell_iterator>(cell));
        flow_values.reinit(cell);
        flow_values[velocities].get_function_values(solution, u);
        const FlowCellCoefficients c =
          flow_cell_coefficients(flow, cell->material_id(), density_fraction);
        const double gamma =
          grad_div_coefficient(c, velocity_scale, cell->diameter());

        common = 0.;
        mass   = 0.;
        for (auto &m : grad_div)
          m = 0.;
        for (unsigned int q = 0; q < n_q; ++q)
          {
            const double jxw = low_order.JxW(q);
            for (unsigned int k = 0; k < n; ++k)
              {
                const double         phi_k  = low_order.shape_value(k, q);
                const Tensor<1, dim> grad_k = low_order.shape_grad(k, q);
                for (unsigned int l = 0; l < n; ++l)
                  {
                    if (!sub_cell_coupling(k, l))
                      continue;
                    const double         phi_l  = low_order.shape_value(l, q);
                    const Tensor<1, dim> grad_l = low_order.shape_grad(l, q);
                    common(k, l) +=
                      (c.effective_viscosity * (grad_l * grad_k) +
                       c.inertia_density * (u[q] * grad_l) * phi_k) *
                      jxw;
                    mass(k, l) += phi_l * phi_k * jxw;
                    for (unsigned int r = 0; r < dim; ++r)
                      for (unsigned int e = 0; e < dim; ++e)
                        grad_div[r * dim + e](k, l) +=
                          grad_l[e] * grad_k[r] * jxw;
                  }
              }
          }

        // Row component r, column component e: gamma d_e phi_l d_r phi_k,
        // plus on the diagonal blocks the common part and the drag.
        cell->get_dof_indices(local_dofs);
        for (unsigned int r = 0; r < dim; ++r)
          for (unsigned int e = 0; e < dim; ++e)
            {
              block_matrix = 0.;
              if (r == e)
                block_matrix.add(1., common, c.drag[r], mass);
              block_matrix.add(gamma, grad_div[r * dim + e]);
              for (unsigned int k = 0; k < n; ++k)
                {
                  row_dofs[k] =
                    local_dofs[flow_element.component_to_system_index(r, k)];
                  column_dofs[k] =
                    local_dofs[flow_element.component_to_system_index(e, k)];
                }
              // Diagonal blocks through the square overload: it keeps a
              // diagonal entry in constrained rows, which AMG needs.
              if (r == e)
                constraints.distribute_local_to_global(block_matrix,
                                                       row_dofs,
                                                       matrix);
              else
                constraints.distribute_local_to_global(block_matrix,
                                                       row_dofs,
                                                       column_dofs,
                                                       matrix);
            }
      }
    matrix.compress(VectorOperation::add);
  }

  template class LowOrderVelocityMatrix<2>;
  template class LowOrderVelocityMatrix<3>;
} // namespace NOxFlow
