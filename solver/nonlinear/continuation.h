#ifndef noxflow_solver_nonlinear_continuation_h
#define noxflow_solver_nonlinear_continuation_h

#include <solver/nonlinear/continuation_settings.h>
#include <solver/nonlinear/steady_solver.h>

#include <functional>
#include <stdexcept>
#include <vector>

namespace NOxFlow
{
  /// The ramp could not reach a target even with the smallest step.
  class ContinuationFailure : public std::runtime_error
  {
  public:
    ContinuationFailure(const std::string &message,
                        const double       last_value,
                        const bool         saturated = false)
      : std::runtime_error(message)
      , last_converged(last_value)
      , current_saturated(saturated)
    {}
    /// The last value of the parameter that converged.
    double last_converged;
    /// True if the electrode current saturated: no reaction can carry more.
    bool current_saturated;
  };

  /**
   * @brief Natural-parameter continuation through a list of targets with
   * automatic step control: a step grows after an easy Newton solve and is
   * halved (state restored) after a failed one.
   *
   * The caller provides the solve at a parameter value and the save/restore
   * of its state; the ramp is independent of what the parameter means
   * (current density, potential).
   */
  class Continuation
  {
  public:
    struct Callbacks
    {
      std::function<NewtonReport(double)>                     solve;
      std::function<void()>                                   save;
      std::function<void()>                                   restore;
      std::function<void(double, bool, const NewtonReport &)> accepted;
    };

    explicit Continuation(const ContinuationSettings &settings);

    /// Solves at @p start (which must converge), then ramps through
    /// @p targets in order; a start equal to the first target is accepted
    /// once, as that target. With @p resume the start is a point accepted
    /// before (a checkpoint's): it is solved again but not reported.
    /// Throws ContinuationFailure.
    void
    run(const double               start,
        const std::vector<double> &targets,
        const Callbacks           &callbacks,
        const bool                 resume = false) const;

  private:
    ContinuationSettings settings;
  };
} // namespace NOxFlow

#endif
