#ifndef noxflow_solver_case_flow_stage_from_case_h
#define noxflow_solver_case_flow_stage_from_case_h

#include <solver/case/case_parameters.h>
#include <solver/flow/computed_flow.h>

#include <algorithm>
#include <limits>

namespace NOxFlow
{
  /// @brief The flow stage's share of a case: its flow settings, mesh and
  /// the figures the flow summary reports against.
  template <int dim>
  FlowStageInput<dim>
  flow_stage_input(const CaseParameters &prm)
  {
    FlowStageInput<dim> input;
    input.settings                = prm.flow;
    input.global_refinements      = prm.global_refinements;
    input.depth                   = prm.geometry.depth();
    input.adaptive_transport_mesh = prm.mesh_adaptation.enabled();
    const CaseGeometry geometry   = prm.geometry;
    input.create_coarse_mesh = [geometry](dealii::Triangulation<dim> &tria) {
      geometry.create(tria);
    };
    input.smallest_diffusivity = std::numeric_limits<double>::max();
    for (unsigned int s = 0; s < prm.electrolyte.n_species(); ++s)
      input.smallest_diffusivity =
        std::min(input.smallest_diffusivity, prm.electrolyte[s].diffusivity);
    return input;
  }
} // namespace NOxFlow

#endif
