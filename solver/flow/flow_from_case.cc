#include <deal.II/grid/tria.h>

#include <physics/input_error.h>
#include <solver/flow/flow_from_case.h>

namespace NOxFlow
{
  using namespace dealii;

  double
  inlet_mean_velocity(const FlowSettings &settings, const double inlet_area)
  {
    if (settings.flow_rate <= 0.)
      return settings.mean_velocity;
    const double m3_per_s = settings.flow_rate * 1e-6 / 60.;
    return m3_per_s / inlet_area;
  }

  template <int dim>
  double
  inlet_area(const FlowSettings            &settings,
             const Meshes::MeshNames       &names,
             const Triangulation<dim, dim> &tria,
             const double                   depth)
  {
    double area = 0.;
    for (const auto &b : settings.inlet_boundaries)
      area +=
        Meshes::flat_boundary(tria,
                              names.boundaries.id(b, "Flow/Inlet boundaries"),
                              "Flow/Inlet boundaries")
          .measure;
    return dim == 2 ? area * depth : area;
  }

  template <int dim>
  FlowProblem<dim>
  flow_problem_from_case(const FlowSettings            &settings,
                         const Meshes::MeshNames       &names,
                         const Triangulation<dim, dim> &tria,
                         const double                   depth)
  {
    FlowProblem<dim> problem;
    problem.fluid   = settings.fluid;
    problem.inertia = settings.model == "navier-stokes";
    const double u_mean =
      inlet_mean_velocity(settings, inlet_area(settings, names, tria, depth));
    for (const auto &b : settings.inlet_boundaries)
      {
        const auto id = names.boundaries.id(b, "Flow/Inlet boundaries");
        problem.inlet_velocity[id] = std::make_shared<FaceInletProfile<dim>>(
          settings.velocity_profile == "poiseuille",
          u_mean,
          Meshes::flat_boundary(tria, id, "Flow/Inlet boundaries"));
      }
    for (const auto &b : settings.outlet_boundaries)
      problem
        .outlet_pressure[names.boundaries.id(b, "Flow/Outlet boundaries")] =
        settings.outlet_pressure;
    for (const auto &b : settings.symmetry_boundaries)
      problem.symmetry.insert(
        names.boundaries.id(b, "Flow/Symmetry boundaries"));

    for (const auto &p : settings.porous_media)
      for (const auto &region : p.regions)
        problem.porous[names.regions.id(
          region, "Flow/Porous media/" + p.name + "/Regions")] = p.medium;
    return problem;
  }

#define NOXFLOW_INSTANTIATE(dim)                                        \
  template double           inlet_area(const FlowSettings &,            \
                                       const Meshes::MeshNames &,       \
                                       const Triangulation<dim, dim> &, \
                                       const double);                   \
  template FlowProblem<dim> flow_problem_from_case(                     \
    const FlowSettings &,                                               \
    const Meshes::MeshNames &,                                          \
    const Triangulation<dim, dim> &,                                    \
    const double);
  NOXFLOW_INSTANTIATE(2)
  NOXFLOW_INSTANTIATE(3)
#undef NOXFLOW_INSTANTIATE
} // namespace NOxFlow
