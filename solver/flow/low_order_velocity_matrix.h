#ifndef noxflow_solver_flow_low_order_velocity_matrix_h
#define noxflow_solver_flow_low_order_velocity_matrix_h

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q_iso_q1.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_block_sparse_matrix.h>
#include <deal.II/lac/petsc_block_vector.h>

#include <solver/flow/flow_problem.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief The flow's velocity operator discretised on the Q1 sub-cells of
   * each Q2 cell (Q2 nodes, iso-Q1 shape functions): a matrix for
   * algebraic multigrid in place of the Q2 velocity block.
   *
   * Why: on the Q2 block BoomerAMG has a high operator complexity (3D:
   * 375 entries per row) and converges slowly on stretched cells: on the 3D
   * channel (57k flow DoFs) it needed 1207 FGMRES iterations for the flow
   * solve, 376 s; AMG on this matrix 1339 iterations at under half the
   * cost each (benchmarks/README.md). It has 81 entries per row in 3D.
   *
   * It holds mu_eff grad.grad + rho_eff (u.grad) + mu/K_c + gamma grad div
   * at the current velocity u: the Picard (Oseen) part of the Jacobian,
   * without the (grad u) reaction. The grad-div part couples the
   * components and stays in: without it (each component with itself) the
   * exact inverse of this matrix needed 2815 FGMRES iterations on that
   * channel instead of 615, since gamma reaches 50 mu_eff there.
   */
  template <int dim>
  class LowOrderVelocityMatrix
  {
  public:
    using Matrix      = dealii::PETScWrappers::MPI::BlockSparseMatrix;
    using BlockVector = dealii::PETScWrappers::MPI::BlockVector;

    /// @p flow_element is the flow's Q2^dim x Q1 element; its velocity
    /// nodes must be those of FE_Q_iso_Q1(2).
    explicit LowOrderVelocityMatrix(
      const dealii::FiniteElement<dim> &flow_element);

    /// Sparsity of the sub-cell couplings, through @p constraints.
    void
    reinit(const dealii::DoFHandler<dim>           &dofs,
           const dealii::AffineConstraints<double> &constraints,
           const std::vector<dealii::IndexSet>     &owned,
           const std::vector<dealii::IndexSet>     &relevant);

    /// Assembles the operator at the velocity of @p solution (ghosted).
    void
    assemble(const dealii::DoFHandler<dim>           &dofs,
             const dealii::AffineConstraints<double> &constraints,
             const FlowProblem<dim>                  &flow,
             const BlockVector                       &solution,
             const double                             density_fraction,
             const double                             velocity_scale);

    /// The velocity-velocity matrix.
    const dealii::PETScWrappers::MPI::SparseMatrix &
    velocity_block() const
    {
      return matrix.block(0, 0);
    }

  private:
    const dealii::FiniteElement<dim> &flow_element;
    const dealii::FE_Q_iso_Q1<dim>    scalar_element;
    /// Scalar nodes k, l that share a sub-cell.
    dealii::Table<2, bool> sub_cell_coupling;
    Matrix                 matrix;
  };
} // namespace NOxFlow

#endif
