#ifndef noxflow_solver_flow_flow_solver_h
#define noxflow_solver_flow_flow_solver_h

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_block_sparse_matrix.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/petsc_sparse_matrix.h>

#include <solver/flow/flow_problem.h>
#include <solver/flow/low_order_velocity_matrix.h>

#include <ostream>
#include <string>
#include <vector>

namespace NOxFlow
{
  /// How the velocity block of the flow's preconditioner is inverted.
  enum class FlowVelocitySolver
  {
    /// LU up to direct_velocity_limit(dim) velocity DoFs, AMG above.
    automatic,
    /// MUMPS LU of the Q2 velocity block.
    direct,
    /// One BoomerAMG V-cycle on the low-order (iso-Q1) velocity operator.
    low_order_amg
  };

  /// Velocity DoFs up to which `automatic` factorises the velocity block:
  /// LU was faster than AMG at every size measured; in 3D its memory sets
  /// the limit (the 3D zero-gap cell's M mesh, about 350k velocity DoFs, peaks
  /// at 13.9 GB).
  inline dealii::types::global_dof_index
  direct_velocity_limit(const int dim)
  {
    return dim == 2 ? 400000 : 250000;
  }

  struct FlowSolverSettings
  {
    FlowVelocitySolver velocity_solver       = FlowVelocitySolver::automatic;
    unsigned int       max_newton_iterations = 25;
    /// Newton stops when the residual fell by this factor (or to zero).
    double residual_reduction = 1e-10;
    /// FGMRES relative tolerance of each Newton step.
    double       linear_tolerance      = 1e-8;
    unsigned int max_linear_iterations = 1000;
    /// Density steps tried when Newton at full inertia fails (Reynolds
    /// continuation); halved up to this many times.
    unsigned int max_continuation_halvings = 6;
    /// Print each Newton step to this stream, if set.
    std::ostream *log = nullptr;
  };

  /// What one flow solve cost.
  struct FlowSolveReport
  {
    unsigned int              newton_iterations = 0;
    std::vector<unsigned int> linear_iterations; ///< per Newton step
    double                    residual         = 0.;
    double                    initial_residual = 0.;
    double                    assembly_seconds = 0.;
    double                    solve_seconds    = 0.;
    /// Inertia steps (fraction of the density) the solve went through.
    std::vector<double> density_fractions;
  };

  /// Owned and relevant DoFs of the velocity (0) and pressure (1) blocks.
  struct FlowDofLayout
  {
    std::vector<dealii::IndexSet> owned;
    std::vector<dealii::IndexSet> relevant;
  };

  /// Numbers the DoFs of a distributed Q2^dim/Q1 DoFHandler in two blocks,
  /// velocity then pressure, the layout of FlowSolver's vectors.
  template <int dim>
  FlowDofLayout
  renumber_flow_dofs(dealii::DoFHandler<dim> &dofs);

  /**
   * @brief Taylor-Hood (Q2 velocity, Q1 pressure) solver for FlowProblem on
   * a distributed mesh: Newton on the full Jacobian, with a Stokes start
   * and continuation in the density (Reynolds number) when Newton fails.
   *
   * Linear steps: FGMRES with the block upper-triangular preconditioner
   * [A B^T; 0 -S]: LU or one BoomerAMG V-cycle on a low-order operator
   * for the velocity block A (FlowVelocitySolver), and for
   * the Schur complement the Cahouet-Chabard sum
   *   S^-1 ~ mu_eff M_p^-1 + L_(K/mu)^-1
   * (pressure mass matrix weighted by 1/mu_eff for the viscous part, a
   * Darcy pressure Laplacian for porous cells), both mesh-independent.
   */
  template <int dim>
  class FlowSolver
  {
  public:
    using BlockVector = dealii::PETScWrappers::MPI::BlockVector;

    FlowSolver(const dealii::parallel::distributed::Triangulation<dim> &tria,
               const FlowProblem<dim>                                  &problem,
               const FlowSolverSettings &settings = FlowSolverSettings());
    ~FlowSolver();

    /// Distributes DoFs and builds constraints and matrices.
    void
    setup();

    /// Solves for velocity and pressure; throws std::runtime_error if
    /// Newton does not converge even with Reynolds continuation.
    FlowSolveReport
    solve();

    /// Velocity (components 0..dim-1, m/s) and pressure (component dim,
    /// Pa), with ghosts.
    const BlockVector &
    solution() const
    {
      return ghosted_solution;
    }

    const dealii::DoFHandler<dim> &
    dof_handler() const
    {
      return dofs;
    }

    dealii::types::global_dof_index
    n_dofs() const
    {
      return dofs.n_dofs();
    }

    const FlowProblem<dim> &
    problem() const
    {
      return flow;
    }

  private:
    /// Residual -R into rhs and, if @p with_matrix, the Jacobian (with
    /// inertia scaled by @p density_fraction; Picard drops the
    /// (du.grad)u part). Returns the l2 norm of the residual.
    double
    assemble(const double density_fraction, const bool with_matrix);

    void
    assemble_pressure_preconditioners();

    unsigned int
    solve_linear(BlockVector &update, const double tolerance);

    /// FGMRES's absolute tolerance for a Newton step from @p residual
    /// (for a @p linear_problem: below Newton's target, so one step does).
    double
    linear_tolerance(const double residual, const bool linear_problem) const;

    /// Newton at a fixed inertia; returns false if it did not converge.
    bool
    newton(const double density_fraction, FlowSolveReport &report);

    void
    normalize_pressure();

    const dealii::parallel::distributed::Triangulation<dim> &tria;
    const FlowProblem<dim>                                  &flow;
    const FlowSolverSettings                                 settings;
    MPI_Comm                                                 comm;

    dealii::FESystem<dim>         fe;
    dealii::DoFHandler<dim>       dofs;
    std::vector<dealii::IndexSet> owned;
    std::vector<dealii::IndexSet> relevant;

    /// Hanging nodes, walls, symmetry and inlet values: for solutions.
    dealii::AffineConstraints<double> solution_constraints;
    /// The same with zero values: for Newton updates.
    dealii::AffineConstraints<double> update_constraints;

    dealii::PETScWrappers::MPI::BlockSparseMatrix jacobian;
    /// Pressure mass matrix weighted by 1/mu_eff (block (1,1)).
    dealii::PETScWrappers::MPI::BlockSparseMatrix pressure_mass;
    /// Darcy pressure Laplacian (block (1,1)), only with porous cells.
    dealii::PETScWrappers::MPI::BlockSparseMatrix darcy_laplacian;

    BlockVector owned_solution;
    BlockVector ghosted_solution;
    BlockVector rhs;

    /// AMG's matrix for the velocity block, assembled when
    /// velocity_by_amg.
    LowOrderVelocityMatrix<dim> low_order_velocity;
    bool                        velocity_by_amg = false;

    double reference_residual = 0.;
    /// Largest Stokes velocity, m/s: scales the grad-div term.
    double velocity_scale = 0.;
  };
} // namespace NOxFlow

#endif
