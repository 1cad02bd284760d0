#include <physics/input_error.h>
#include <solver/electrolyte_regions.h>
#include <solver/flow/flow_from_case.h>
#include <solver/flow/inlet_profile.h>

namespace NOxFlow
{
  double
  inlet_mean_velocity(const FlowSettings            &settings,
                      const Meshes::ChannelGeometry &channel)
  {
    if (settings.flow_rate <= 0.)
      return settings.mean_velocity;
    const double m3_per_s = settings.flow_rate * 1e-6 / 60.;
    return m3_per_s / (channel.height * channel.width);
  }

  template <int dim>
  FlowProblem<dim>
  flow_problem_from_case(const FlowSettings            &settings,
                         const Meshes::ChannelGeometry &channel,
                         const Meshes::NamedBoundaries &boundaries)
  {
    FlowProblem<dim> problem;
    problem.fluid    = settings.fluid;
    problem.inertia  = settings.model == "navier-stokes";
    const auto inlet = std::make_shared<ChannelInletProfile<dim>>(
      settings.velocity_profile == "poiseuille",
      inlet_mean_velocity(settings, channel),
      channel.height,
      channel.width);
    for (const auto &b : settings.inlet_boundaries)
      problem.inlet_velocity[boundaries.id(b, "Flow/Inlet boundaries")] = inlet;
    for (const auto &b : settings.outlet_boundaries)
      problem.outlet_pressure[boundaries.id(b, "Flow/Outlet boundaries")] =
        settings.outlet_pressure;
    for (const auto &b : settings.symmetry_boundaries)
      problem.symmetry.insert(boundaries.id(b, "Flow/Symmetry boundaries"));

    for (const auto &p : settings.porous_media)
      for (const auto &region : p.regions)
        problem.porous[region_id(region,
                                 "Flow/Porous media/" + p.name + "/Regions")] =
          p.medium;
    return problem;
  }

  template FlowProblem<2>
  flow_problem_from_case(const FlowSettings &,
                         const Meshes::ChannelGeometry &,
                         const Meshes::NamedBoundaries &);
  template FlowProblem<3>
  flow_problem_from_case(const FlowSettings &,
                         const Meshes::ChannelGeometry &,
                         const Meshes::NamedBoundaries &);
} // namespace NOxFlow
