#ifndef noxflow_solver_nonlinear_steady_solver_h
#define noxflow_solver_nonlinear_steady_solver_h

#include <deal.II/base/conditional_ostream.h>

#include <solver/nonlinear/linear_solver.h>
#include <solver/nonlinear/newton_settings.h>
#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_operator.h>

#include <memory>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief The electrode potentials and, for galvanostatic control, the
   * current the working electrode must carry.
   */
  struct OperatingPoint
  {
    /// F phi_s / RT of every electrode; the working electrode's entry is an
    /// unknown under galvanostatic control (initial guess in, solution out).
    std::vector<double> f_electrode_potentials;
    /// Electrode with a current constraint, or -1 (potentiostatic).
    int working_electrode = -1;
    /// Total current it must carry, A (A/m in 2D); negative is cathodic.
    double target_current = 0.;
    /// Scale of the current constraint, same unit.
    double current_scale = 1.;
  };

  struct NewtonReport
  {
    bool         converged  = false;
    unsigned int iterations = 0;
    /// Of the iterations, those of solves repeated after the point had
    /// converged once (a gas channel's composition settling): work, but no
    /// sign that the continuation step was hard.
    unsigned int follow_up_iterations = 0;
    unsigned int linear_iterations    = 0;
    double       residual             = 0.;
    /// Wall time in assembly and in linear solves, s.
    double      assembly_seconds = 0.;
    double      solve_seconds    = 0.;
    std::string failure;

    /// Adds the work of a later solve; its outcome replaces this one's.
    void
    append(const NewtonReport &later)
    {
      converged = later.converged;
      residual  = later.residual;
      failure   = later.failure;
      iterations += later.iterations;
      follow_up_iterations += later.follow_up_iterations;
      linear_iterations += later.linear_iterations;
      assembly_seconds += later.assembly_seconds;
      solve_seconds += later.solve_seconds;
    }
  };

  /// What a caller asks of one Newton solve.
  struct NewtonRequest
  {
    /// Solve for the potentials only (a cheap first guess at cold start).
    bool freeze_concentrations = false;
    /// The residual tolerance is NewtonSettings::residual_tolerance times
    /// this (a caller whose balances do not close yet asks for more).
    double tolerance_factor = 1.;
    /// The update tolerance is NewtonSettings::update_tolerance times this
    /// (a state that only starts the next solve may stop earlier).
    double update_tolerance_factor = 1.;
    /// Give up after this many accepted steps in a row shorter than 0.1
    /// (0: never): a caller with a better way on (current control on a
    /// limiting-current plateau) need not spend the whole iteration budget.
    unsigned int give_up_after_short_steps = 0;
  };

  /**
   * @brief Damped Newton for the steady problem, bordered by the
   * galvanostatic current constraint.
   *
   * The bordered system [J b; c^T d] is solved with two solves of J (one
   * preconditioner): J y = -r, J w = b, dV = (-g - c.y)/(d - c.w),
   * dx = y - w dV. Updates are damped so that a concentration keeps 1 % of
   * its distance to the smallest allowed value (a round-off negative one)
   * and no potential moves by more than the set maximum, then a
   * backtracking line search on the residual norm. Converged means: the
   * last update is below NewtonSettings::update_tolerance and the scaled
   * residual below NewtonSettings::residual_tolerance, both absolute.
   */
  template <int dim>
  class SteadySolver
  {
  public:
    SteadySolver(Discretization<dim>          &discretization,
                 const NernstPlanckModel<dim> &model,
                 const NewtonSettings         &newton,
                 const LinearSolverSettings   &linear,
                 dealii::ConditionalOStream   &log);

    /// Solves in place, as @p request asks. The first solve compacts the
    /// Jacobian's pattern to the entries the operator writes
    /// (compact_jacobian_pattern_at_generic_state).
    NewtonReport
    solve(dealii::PETScWrappers::MPI::Vector &solution,
          OperatingPoint                     &operating_point,
          const NewtonRequest                &request = NewtonRequest());

    /// Largest fraction of the step @p dx from @p x that keeps every
    /// concentration at least @p kept of its distance to the smallest
    /// allowed value (1 for logarithmic unknowns, which stay positive).
    double
    admissible_fraction(const dealii::PETScWrappers::MPI::Vector &x,
                        const dealii::PETScWrappers::MPI::Vector &dx,
                        const double                              kept) const;

  private:
    /// Newton's method for solve().
    NewtonReport
    newton(dealii::PETScWrappers::MPI::Vector &solution,
           OperatingPoint                     &operating_point,
           const NewtonRequest                &request);

    /// The vectors of one Newton solve.
    struct NewtonVectors
    {
      explicit NewtonVectors(const Discretization<dim> &discretization)
        : residual(discretization.owned_vector())
        , d_r_d_v(discretization.owned_vector())
        , d_i_d_x(discretization.owned_vector())
        , y(discretization.owned_vector())
        , z(discretization.owned_vector())
        , update(discretization.owned_vector())
        , trial(discretization.owned_vector())
        , rhs(discretization.owned_vector())
      {}
      dealii::PETScWrappers::MPI::Vector residual, d_r_d_v, d_i_d_x, y, z,
        update, trial, rhs;
    };

    /// The bordered Newton update (v.update, and @p dv for the working
    /// electrode's potential) from the system assembled at residual norm
    /// @p norm; false, with the failure in @p report, if the linear solver
    /// fails. Later steps of a Newton solve (@p same_newton_solve) may keep
    /// the preconditioner of an earlier one (LinearSolver::set_operator).
    bool
    bordered_update(const AssemblyTargets &targets,
                    const OperatingPoint  &point,
                    const double           g,
                    const double           norm,
                    const bool             same_newton_solve,
                    NewtonVectors         &v,
                    double                &dv,
                    NewtonReport          &report);

    /// The step length that keeps concentrations above the undershoot
    /// tolerance (@p positive) and potentials within their maximum step;
    /// negative, with the failure in @p report, if positivity holds the
    /// step below 1e-4.
    double
    damped_length(const dealii::PETScWrappers::MPI::Vector &solution,
                  const dealii::PETScWrappers::MPI::Vector &update,
                  const double                              dv,
                  double                                   &positive,
                  std::string                              &limited_by,
                  NewtonReport                             &report) const;

    /// Backtracking from @p alpha until the residual norm falls below
    /// (1 - 1e-4 alpha) @p reference_norm; applies the step and returns
    /// true if it does within 12 halvings. The first trial assembles the
    /// whole system into @p system (most first trials are accepted, and
    /// the next iteration then needs no assembly): @p system_is_current
    /// says whether it holds the accepted state's.
    bool
    line_search(dealii::PETScWrappers::MPI::Vector      &solution,
                OperatingPoint                          &point,
                const dealii::AffineConstraints<double> &constraints,
                const double                             dv,
                const double                             reference_norm,
                double                                  &alpha,
                double                                  &trial_norm,
                AssemblyTargets                         &system,
                bool                                    &system_is_current,
                NewtonVectors                           &v,
                NewtonReport                            &report);

    /// One Newton iteration's line in the log (debug verbosity).
    void
    log_iteration(const unsigned int iteration,
                  const double       norm,
                  const double       trial_norm,
                  const double       update,
                  const double       step,
                  const unsigned int linear_iterations,
                  const std::string &held,
                  const std::string &clipped) const;

    /// Largest step fraction that keeps every concentration @p kept of
    /// its distance to the undershoot tolerance; @p limited_by names the
    /// unknown and the node that sets it (for the log).
    double
    positive_step(const dealii::PETScWrappers::MPI::Vector &solution,
                  const dealii::PETScWrappers::MPI::Vector &update,
                  const double                              kept,
                  std::string                              &limited_by) const;

    /// Logarithmic unknowns: each one's step is clipped on its own to a
    /// factor e^5 in concentration, so that a trace species whose Newton
    /// step is huge (its Jacobian column scales with c) does not shrink
    /// the step of all others. Returns the number of clipped unknowns over
    /// all ranks; @p limited_by names the last one (for the log).
    static constexpr double min_total = 1e-30;

    unsigned int
    clip_logarithmic_steps(const dealii::PETScWrappers::MPI::Vector &solution,
                           dealii::PETScWrappers::MPI::Vector       &update,
                           std::string &limited_by) const;

    /// Max-norm of the update @p dx at @p x as a change of the totals:
    /// logarithmic unknowns are weighted by dT/du.
    double
    update_norm(const dealii::PETScWrappers::MPI::Vector &x,
                const dealii::PETScWrappers::MPI::Vector &dx) const;

    double
    constraint_residual(const AssemblyTargets &targets,
                        const OperatingPoint  &op) const;

    Discretization<dim>          &discretization;
    const NernstPlanckModel<dim> &model;
    const NewtonSettings          settings;
    NernstPlanckOperator<dim>     op;
    std::unique_ptr<LinearSolver> linear_solver;
    /// The last bordered solve's w = J^-1 b and its electrode (-1: none
    /// yet): the next Newton solve's first guess for w (the mesh does not
    /// change under a SteadySolver).
    dealii::PETScWrappers::MPI::Vector last_border_solution;
    int                                last_border_electrode = -1;
    dealii::AffineConstraints<double>  frozen_constraints;
    bool                               pattern_compacted = false;
    dealii::ConditionalOStream        &log;
  };
} // namespace NOxFlow

#endif
