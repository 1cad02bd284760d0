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
                    const Callbacks           &cb,
                    const bool                 resume) const
  {
    if (targets.empty())
      return;
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
    // A start on the first target is that target's point, reported once.
    std::size_t first_target = 0;
    if (!resume)
      {
        first_target = start == targets.front() ? 1 : 0;
        cb.accepted(start, first_target == 1, first);
      }

    double       value       = start;
    NewtonReport last_report = first;
    // The step carries over from one target to the next; it starts from the
    // distance to the first target away from the start (never zero).
    double distance = 0.;
    for (std::size_t t = first_target; t < targets.size() && distance == 0.;
         ++t)
      distance = std::abs(targets[t] - start);
    double step = settings.initial_step * distance;
    for (std::size_t t = first_target; t < targets.size(); ++t)
      {
        const double target = targets[t];
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
                if (report.iterations - report.follow_up_iterations <=
                    settings.easy_newton)
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
