#ifndef noxflow_solver_nonlinear_continuation_settings_h
#define noxflow_solver_nonlinear_continuation_settings_h

namespace NOxFlow
{
  /// @brief Step control of the continuation ramp (case file: `Continuation`).
  struct ContinuationSettings
  {
    double       initial_step   = 0.05;
    double       minimum_step   = 1e-4;
    double       growth         = 2.;
    unsigned int easy_newton    = 5;
    double       start_fraction = 0.01;
  };
} // namespace NOxFlow

#endif
