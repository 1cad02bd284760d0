#include <deal.II/base/mpi.h>

#include <solver/flow/computed_flow.h>
#include <solver/flow/flow_from_case.h>

#include <chrono>
#include <fstream>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    double
    mean_over(const std::map<types::boundary_id, double> &values,
              const std::vector<std::string>             &names,
              const Meshes::NamedBoundaries              &boundaries)
    {
      double sum = 0.;
      for (const auto &n : names)
        sum += values.at(boundaries.id(n, ""));
      return names.empty() ? 0. : sum / names.size();
    }

    /// The case's coarse mesh refined 'Flow/Coarser mesh levels' times fewer
    /// than the transport mesh, or null when the flow shares that mesh.
    template <int dim>
    std::unique_ptr<parallel::distributed::Triangulation<dim>>
    coarser_flow_mesh(const FlowStageInput<dim>                       &input,
                      const parallel::distributed::Triangulation<dim> &tria)
    {
      if (input.settings.coarser_mesh_levels == 0 &&
          !input.adaptive_transport_mesh)
        return nullptr;
      Triangulation<dim> coarse;
      input.create_coarse_mesh(coarse);
      auto mesh = std::make_unique<parallel::distributed::Triangulation<dim>>(
        tria.get_communicator());
      mesh->copy_triangulation(coarse);
      mesh->refine_global(input.global_refinements -
                          input.settings.coarser_mesh_levels);
      return mesh;
    }
  } // namespace

  template <int dim>
  ComputedFlow<dim>::ComputedFlow(
    const FlowStageInput<dim>                       &input,
    const Meshes::MeshNames                         &names,
    const parallel::distributed::Triangulation<dim> &tria,
    ConditionalOStream                              &log)
    : input(input)
    , boundaries(names.boundaries)
    , coarser_mesh(coarser_flow_mesh(input, tria))
    , problem(flow_problem_from_case<dim>(input.settings,
                                          names,
                                          coarser_mesh ? *coarser_mesh : tria,
                                          input.depth))
  {
    const auto         start = std::chrono::steady_clock::now();
    FlowSolverSettings settings;
    settings.linear_tolerance      = input.settings.linear_tolerance;
    settings.max_newton_iterations = input.settings.max_newton_iterations;
    settings.log                   = input.newton_log;
    settings.velocity_solver =
      input.settings.velocity_solver == "direct" ?
        FlowVelocitySolver::direct :
      input.settings.velocity_solver == "low-order amg" ?
        FlowVelocitySolver::low_order_amg :
        FlowVelocitySolver::automatic;
    flow_solver =
      std::make_unique<FlowSolver<dim>>(coarser_mesh ? *coarser_mesh : tria,
                                        problem,
                                        settings);
    flow_solver->setup();
    n_flow_dofs = flow_solver->n_dofs();
    log << "Flow (" << input.settings.model << "): " << n_flow_dofs
        << " DoFs (Q2/Q1)";
    if (input.settings.coarser_mesh_levels > 0)
      log << " on the mesh " << input.settings.coarser_mesh_levels
          << " refinement(s) below the transport's";
    log << std::endl;
    report = flow_solver->solve();

    flow_summary = summarize_flow(*flow_solver, input.smallest_diffusivity);
    if (coarser_mesh)
      {
        // Free the flow's matrices before the transport allocates its own.
        refined = std::make_unique<RefinedFlow<dim>>(*flow_solver);
        flow_solver.reset();
        coarser_mesh.reset();
        follow(tria);
      }
    else
      field = std::make_shared<FiniteElementVelocityField<dim>>(
        flow_solver->dof_handler(), flow_solver->solution());
    seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count();

    pressure_drop = mean_over(flow_summary.mean_pressure,
                              input.settings.inlet_boundaries,
                              boundaries) -
                    mean_over(flow_summary.mean_pressure,
                              input.settings.outlet_boundaries,
                              boundaries);
    // Reynolds and Peclet numbers of the first inlet's cross-section.
    const double w = input.depth;
    double       h = 0., hydraulic_diameter = 0.;
    if (!input.settings.inlet_boundaries.empty())
      {
        const auto inlet = Meshes::flat_boundary(
          tria,
          boundaries.id(input.settings.inlet_boundaries.front(), ""),
          "Flow/Inlet boundaries");
        h                  = inlet.extent(0);
        const double b     = dim == 3 ? inlet.extent(1) : 0.;
        hydraulic_diameter = dim == 2 ? 2. * h : 2. * h * b / (h + b);
      }
    const double u_mean =
      inlet_mean_velocity(input.settings,
                          inlet_area(input.settings, names, tria, input.depth));
    channel_reynolds = input.settings.fluid.density * u_mean *
                       hydraulic_diameter / input.settings.fluid.viscosity;
    channel_peclet = u_mean * h / input.smallest_diffusivity;

    unsigned int linear = 0;
    for (const unsigned int its : report.linear_iterations)
      linear += its;
    log << "  Newton " << report.newton_iterations << ", FGMRES " << linear
        << " iterations; assembly " << report.assembly_seconds << " s, solves "
        << report.solve_seconds << " s, total " << seconds << " s\n"
        << "  pressure drop " << pressure_drop << " Pa, max speed "
        << flow_summary.max_speed << " m/s, Re (hydraulic diameter) "
        << channel_reynolds << ", Pe (height, smallest D) " << channel_peclet
        << ", max cell Re " << flow_summary.max_cell_reynolds
        << ", max cell Pe " << flow_summary.max_cell_peclet << std::endl;
    for (const auto &[id, q] : flow_summary.flow_rate)
      if (q != 0.)
        log << "  flow through " << boundaries.name(id) << ": "
            << q * (dim == 2 ? w : 1.) * 6e7 << " mL/min" << std::endl;
  }

  template <int dim>
  void
  ComputedFlow<dim>::follow(
    const parallel::distributed::Triangulation<dim> &tria)
  {
    Assert(refined, ExcMessage("the flow shares the transport mesh"));
    refined->copy_to(tria);
    field =
      std::make_shared<FiniteElementVelocityField<dim>>(refined->dof_handler(),
                                                        refined->solution());
  }

  template <int dim>
  std::string
  ComputedFlow<dim>::summary_table() const
  {
    // Outward flow per boundary; 2D figures use the channel width as depth.
    const double       depth = dim == 2 ? input.depth : 1.;
    std::ostringstream out;
    out << "boundary\toutward_flow_mL_per_min\tmean_pressure_Pa\n";
    for (const auto &[id, q] : flow_summary.flow_rate)
      out << boundaries.name(id) << '\t' << q * depth * 6e7 << '\t'
          << flow_summary.mean_pressure.at(id) << '\n';
    out << "# pressure_drop_Pa\t" << pressure_drop << '\n'
        << "# max_speed_m_per_s\t" << flow_summary.max_speed << '\n'
        << "# reynolds_hydraulic_diameter\t" << channel_reynolds << '\n'
        << "# peclet_height_min_diffusivity\t" << channel_peclet << '\n'
        << "# max_cell_reynolds\t" << flow_summary.max_cell_reynolds << '\n'
        << "# max_cell_peclet\t" << flow_summary.max_cell_peclet << '\n';
    return out.str();
  }

  template <int dim>
  std::string
  ComputedFlow<dim>::metrics() const
  {
    unsigned int linear = 0;
    for (const unsigned int its : report.linear_iterations)
      linear += its;
    std::ostringstream s;
    s << " flow_dofs=" << n_flow_dofs
      << " flow_newton=" << report.newton_iterations
      << " flow_linear=" << linear << " flow_s=" << seconds;
    return s.str();
  }

  template class ComputedFlow<2>;
  template class ComputedFlow<3>;
} // namespace NOxFlow
