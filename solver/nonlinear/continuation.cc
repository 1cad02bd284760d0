#include <solver/nonlinear/continuation.h>

#include <cmath>
#include <sstream>

namespace NOxFlow
{
  Continuation::Continuation(const ContinuationSettings &settings)
    : settings(settings)
  {}

  void
  Continuation::run(const double               start,
                    const std::vector<double> &targets,
                    const Callbacks           &cb) const
  {
    double span = 0.;
    for (const double t : targets)
      span = std::max(span, std::abs(t - start));
    const double min_step = settings.minimum_step * std::max(span, 1e-300);

    cb.save();
    const NewtonReport first = cb.solve(start);
    if (!first.converged)
      {
        cb.restore();
        throw ContinuationFailure(
          "the first operating point did not converge: " + first.failure,
          start);
      }
    cb.accepted(start, false, first);

    double       value       = start;
    NewtonReport last_report = first;
    // The step carries over from one target to the next.
    double step = settings.initial_step * std::abs(targets.front() - start);
    for (const double target : targets)
      {
        if (value == target)
          cb.accepted(value, true, last_report);
        while (value != target)
          {
            const double direction = target > value ? 1. : -1.;
            const double next =
              std::abs(target - value) <= step * (1. + 1e-12) ?
                target :
                value + direction * step;
            cb.save();
            const NewtonReport report = cb.solve(next);
            if (report.converged)
              {
                value       = next;
                last_report = report;
                cb.accepted(value, value == target, report);
                if (report.iterations <= settings.easy_newton)
                  step *= settings.growth;
              }
            else
              {
                cb.restore();
                step *= 0.5;
                if (step < min_step)
                  {
                    std::ostringstream message;
                    message << "no convergence from " << value << " toward "
                            << next << " even with the smallest step ("
                            << report.failure << ")";
                    throw ContinuationFailure(message.str(), value);
                  }
              }
          }
      }
  }
} // namespace NOxFlow
