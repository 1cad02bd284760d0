#ifndef noxflow_solver_nonlinear_newton_settings_h
#define noxflow_solver_nonlinear_newton_settings_h

namespace NOxFlow
{
  /// @brief Limits and tolerances of the damped Newton solver (case file:
  /// `Newton`).
  struct NewtonSettings
  {
    unsigned int max_iterations     = 30;
    double       update_tolerance   = 1e-8;
    double       residual_reduction = 1e-8;
    double       max_potential_step = 20.;
  };
} // namespace NOxFlow

#endif
