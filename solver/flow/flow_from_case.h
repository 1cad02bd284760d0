#ifndef noxflow_solver_flow_flow_from_case_h
#define noxflow_solver_flow_flow_from_case_h

#include <meshes/channel.h>
#include <solver/flow/flow_problem.h>
#include <solver/flow/flow_settings.h>

namespace NOxFlow
{
  /// Mean inlet velocity, m/s: the case's mean velocity, or the flow rate
  /// (mL/min) over the channel cross-section height x width.
  double
  inlet_mean_velocity(const FlowSettings            &settings,
                      const Meshes::ChannelGeometry &channel);

  /**
   * @brief The flow problem a case file describes on the channel: boundary
   * names resolved, the developed (or uniform) inlet profile, porous media
   * on their named regions. Throws an InputError for unknown names.
   */
  template <int dim>
  FlowProblem<dim>
  flow_problem_from_case(const FlowSettings            &settings,
                         const Meshes::ChannelGeometry &channel,
                         const Meshes::NamedBoundaries &boundaries);
} // namespace NOxFlow

#endif
