#ifndef noxflow_tests_solver_quiet_steady_solve_h
#define noxflow_tests_solver_quiet_steady_solve_h

#include <deal.II/base/conditional_ostream.h>

#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/discretization.h>

#include <sstream>

namespace NOxFlow::Testing
{
  /// One steady Newton solve with MUMPS and no log, to the given update
  /// and (absolute) residual tolerances (@p frozen: concentrations held).
  template <int dim>
  NewtonReport
  quiet_steady_solve(Discretization<dim>                &disc,
                     const NernstPlanckModel<dim>       &model,
                     dealii::PETScWrappers::MPI::Vector &solution,
                     OperatingPoint                     &point,
                     const double                        update_tolerance,
                     const double                        residual_tolerance,
                     const bool                          frozen = false)
  {
    NewtonSettings newton;
    newton.update_tolerance   = update_tolerance;
    newton.residual_tolerance = residual_tolerance;
    LinearSolverSettings linear;
    linear.type = "direct";
    std::ostringstream         quiet;
    dealii::ConditionalOStream log(quiet, false);
    SteadySolver<dim>          solver(disc, model, newton, linear, log);
    NewtonRequest              request;
    request.freeze_concentrations = frozen;
    return solver.solve(solution, point, request);
  }
} // namespace NOxFlow::Testing

#endif
