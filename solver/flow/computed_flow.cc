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
    coarser_flow_mesh(const CaseParameters                            &prm,
                      const parallel::distributed::Triangulation<dim> &tria)
    {
      if (prm.flow.coarser_mesh_levels == 0)
        return nullptr;
      Triangulation<dim> coarse;
      prm.geometry.create(coarse);
      auto mesh = std::make_unique<parallel::distributed::Triangulation<dim>>(
        tria.get_communicator());
      mesh->copy_triangulation(coarse);
      mesh->refine_global(prm.global_refinements -
                          prm.flow.coarser_mesh_levels);
      return mesh;
    }
  } // namespace

  template <int dim>
  ComputedFlow<dim>::ComputedFlow(
    const CaseParameters                            &prm,
    const Meshes::MeshNames                         &names,
    const parallel::distributed::Triangulation<dim> &tria,
    ConditionalOStream                              &log)
    : prm(prm)
    , boundaries(names.boundaries)
    , coarser_mesh(coarser_flow_mesh(prm, tria))
    , problem(flow_problem_from_case<dim>(prm.flow,
                                          names,
                                          coarser_mesh ? *coarser_mesh : tria,
                                          prm.geometry.depth()))
  {
    const auto         start = std::chrono::steady_clock::now();
    FlowSolverSettings settings;
    settings.linear_tolerance      = prm.flow.linear_tolerance;
    settings.max_newton_iterations = prm.flow.max_newton_iterations;
    flow_solver =
      std::make_unique<FlowSolver<dim>>(coarser_mesh ? *coarser_mesh : tria,
                                        problem,
                                        settings);
    flow_solver->setup();
    n_flow_dofs = flow_solver->n_dofs();
    log << "Flow (" << prm.flow.model << "): " << n_flow_dofs
        << " DoFs (Q2/Q1)";
    if (coarser_mesh)
      log << " on the mesh " << prm.flow.coarser_mesh_levels
          << " refinement(s) below the transport's";
    log << std::endl;
    report = flow_solver->solve();

    double d_min = std::numeric_limits<double>::max();
    for (unsigned int s = 0; s < prm.electrolyte.n_species(); ++s)
      d_min = std::min(d_min, prm.electrolyte[s].diffusivity);
    flow_summary = summarize_flow(*flow_solver, d_min);
    if (coarser_mesh)
      {
        // Free the flow's matrices before the transport allocates its own.
        refined = std::make_unique<RefinedFlow<dim>>(*flow_solver);
        flow_solver.reset();
        refined->refine(*coarser_mesh, prm.flow.coarser_mesh_levels);
        refined->copy_to(tria);
        coarser_mesh.reset();
        field = std::make_shared<FiniteElementVelocityField<dim>>(
          refined->dof_handler(), refined->solution());
      }
    else
      field = std::make_shared<FiniteElementVelocityField<dim>>(
        flow_solver->dof_handler(), flow_solver->solution());
    seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count();

    pressure_drop = mean_over(flow_summary.mean_pressure,
                              prm.flow.inlet_boundaries,
                              boundaries) -
                    mean_over(flow_summary.mean_pressure,
                              prm.flow.outlet_boundaries,
                              boundaries);
    // Reynolds and Peclet numbers of the first inlet's cross-section.
    const double w = prm.geometry.depth();
    double       h = 0., hydraulic_diameter = 0.;
    if (!prm.flow.inlet_boundaries.empty())
      {
        const auto inlet =
          Meshes::flat_boundary(tria,
                                boundaries.id(prm.flow.inlet_boundaries.front(),
                                              ""),
                                "Flow/Inlet boundaries");
        h                  = inlet.extent(0);
        const double b     = dim == 3 ? inlet.extent(1) : 0.;
        hydraulic_diameter = dim == 2 ? 2. * h : 2. * h * b / (h + b);
      }
    const double u_mean = inlet_mean_velocity(
      prm.flow, inlet_area(prm.flow, names, tria, prm.geometry.depth()));
    channel_reynolds = prm.flow.fluid.density * u_mean * hydraulic_diameter /
                       prm.flow.fluid.viscosity;
    channel_peclet = u_mean * h / d_min;

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
  ComputedFlow<dim>::write_summary(const std::string &directory) const
  {
    if (Utilities::MPI::this_mpi_process(
          field->dof_handler().get_communicator()) != 0)
      return;
    // Outward flow per boundary; 2D figures use the channel width as depth.
    const double  depth = dim == 2 ? prm.geometry.depth() : 1.;
    std::ofstream out(directory + "/flow.tsv");
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
