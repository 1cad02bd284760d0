#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <solver/flow/flow_diagnostics.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  FlowSummary
  summarize_flow(const FlowSolver<dim> &solver, const double min_diffusivity)
  {
    const auto           &dofs     = solver.dof_handler();
    const auto           &solution = solver.solution();
    const auto           &problem  = solver.problem();
    const MPI_Comm        comm = dofs.get_triangulation().get_communicator();
    const QGauss<dim>     quadrature(3);
    const QGauss<dim - 1> face_quadrature(3);
    FEValues<dim>         fe_values(dofs.get_fe(), quadrature, update_values);
    FEFaceValues<dim>     fe_face_values(dofs.get_fe(),
                                     face_quadrature,
                                     update_values | update_normal_vectors |
                                       update_JxW_values);
    const FEValuesExtractors::Vector velocities(0);
    const FEValuesExtractors::Scalar pressure(dim);
    std::vector<Tensor<1, dim>>      u(quadrature.size()),
      u_face(face_quadrature.size());
    std::vector<double> p_face(face_quadrature.size());

    std::map<types::boundary_id, double> flux, pressure_area, area;
    // The same ids in the same order on every rank, so that the sums
    // below match up even where a rank holds no face of a boundary.
    const std::vector<types::boundary_id> ids =
      Utilities::MPI::compute_set_union(
        dofs.get_triangulation().get_boundary_ids(), comm);
    for (const auto id : ids)
      flux[id] = pressure_area[id] = area[id] = 0.;
    FlowSummary summary;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        fe_values.reinit(cell);
        fe_values[velocities].get_function_values(solution, u);
        double speed = 0.;
        for (const auto &v : u)
          speed = std::max(speed, v.norm());
        const double h    = cell->minimum_vertex_distance();
        summary.max_speed = std::max(summary.max_speed, speed);
        if (problem.medium(cell->material_id()) == nullptr)
          summary.max_cell_reynolds = std::max(summary.max_cell_reynolds,
                                               problem.fluid.density * speed *
                                                 h / problem.fluid.viscosity);
        if (min_diffusivity > 0.)
          summary.max_cell_peclet =
            std::max(summary.max_cell_peclet,
                     speed * h / (2. * min_diffusivity));

        for (const unsigned int f : cell->face_indices())
          {
            if (!cell->face(f)->at_boundary())
              continue;
            const auto id = cell->face(f)->boundary_id();
            fe_face_values.reinit(cell, f);
            fe_face_values[velocities].get_function_values(solution, u_face);
            fe_face_values[pressure].get_function_values(solution, p_face);
            for (unsigned int q = 0; q < face_quadrature.size(); ++q)
              {
                const double jxw = fe_face_values.JxW(q);
                flux[id] += u_face[q] * fe_face_values.normal_vector(q) * jxw;
                pressure_area[id] += p_face[q] * jxw;
                area[id] += jxw;
              }
          }
      }
    summary.max_speed = Utilities::MPI::max(summary.max_speed, comm);
    summary.max_cell_reynolds =
      Utilities::MPI::max(summary.max_cell_reynolds, comm);
    summary.max_cell_peclet =
      Utilities::MPI::max(summary.max_cell_peclet, comm);
    for (const auto &[id, value] : flux)
      {
        summary.flow_rate[id] = Utilities::MPI::sum(value, comm);
        const double a        = Utilities::MPI::sum(area[id], comm);
        summary.mean_pressure[id] =
          Utilities::MPI::sum(pressure_area[id], comm) / a;
      }
    return summary;
  }

  template FlowSummary
  summarize_flow(const FlowSolver<2> &, const double);
  template FlowSummary
  summarize_flow(const FlowSolver<3> &, const double);
} // namespace NOxFlow
