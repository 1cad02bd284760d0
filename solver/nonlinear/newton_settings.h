#ifndef noxflow_solver_nonlinear_newton_settings_h
#define noxflow_solver_nonlinear_newton_settings_h

namespace NOxFlow
{
  /// @brief Limits and tolerances of the damped Newton solver (case file:
  /// `Newton`).
  struct NewtonSettings
  {
    unsigned int max_iterations = 30;
    /// A point converges when the scaled residual's 2-norm (with the
    /// current constraint's, relative to its scale) is at most
    /// residual_tolerance and the state's remaining error is at most
    /// update_tolerance (scaled unknowns, max-norm): the next update, or
    /// the estimate theta / (1 - theta) |dx| from the contraction theta of
    /// the last two full steps. Both absolute, never relative to a first
    /// residual that may be huge after a large step.
    double update_tolerance   = 1e-7;
    double residual_tolerance = 1e-9;
    /// An accepted point's charge and species balances (relative) must
    /// close to this; the run checks it on every converged point.
    double balance_tolerance  = 1e-10;
    double max_potential_step = 20.;
  };
} // namespace NOxFlow

#endif
