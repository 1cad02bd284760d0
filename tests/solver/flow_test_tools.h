// Shared set-up for the flow tests: box meshes with colourised boundaries
// and L2 errors of velocity and pressure against an exact solution.
#ifndef noxflow_tests_flow_test_tools_h
#define noxflow_tests_flow_test_tools_h

#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <solver/flow/flow_solver.h>

#include <cmath>

namespace FlowTestTools
{
  using namespace dealii;

  /// Boundary ids of colourised boxes: x-, x+, y-, y+, z-, z+.
  enum Side : types::boundary_id
  {
    left   = 0,
    right  = 1,
    bottom = 2,
    top    = 3,
    front  = 4,
    back   = 5
  };

  template <int dim>
  void
  make_box(parallel::distributed::Triangulation<dim> &tria,
           const Point<dim>                          &lower,
           const Point<dim>                          &upper,
           const std::vector<unsigned int>           &cells)
  {
    GridGenerator::subdivided_hyper_rectangle(tria, cells, lower, upper, true);
  }

  struct Errors
  {
    double velocity = 0.;
    double pressure = 0.; ///< with the mean difference removed
  };

  /// L2 errors of the flow solution against @p exact (dim + 1 components).
  template <int dim>
  Errors
  l2_errors(const NOxFlow::FlowSolver<dim> &solver, const Function<dim> &exact)
  {
    const auto       &dofs = solver.dof_handler();
    const auto       &tria = dofs.get_triangulation();
    const QGauss<dim> quadrature(5);
    Vector<float>     cell_errors(tria.n_active_cells());

    const ComponentSelectFunction<dim> velocity_mask({0, dim}, dim + 1);
    const ComponentSelectFunction<dim> pressure_mask(dim, dim + 1);
    Errors                             errors;
    VectorTools::integrate_difference(dofs,
                                      solver.solution(),
                                      exact,
                                      cell_errors,
                                      quadrature,
                                      VectorTools::L2_norm,
                                      &velocity_mask);
    errors.velocity = VectorTools::compute_global_error(tria,
                                                        cell_errors,
                                                        VectorTools::L2_norm);

    VectorTools::integrate_difference(dofs,
                                      solver.solution(),
                                      exact,
                                      cell_errors,
                                      quadrature,
                                      VectorTools::L2_norm,
                                      &pressure_mask);
    const double p_l2 = VectorTools::compute_global_error(tria,
                                                          cell_errors,
                                                          VectorTools::L2_norm);
    VectorTools::integrate_difference(dofs,
                                      solver.solution(),
                                      exact,
                                      cell_errors,
                                      quadrature,
                                      VectorTools::mean,
                                      &pressure_mask);
    const double p_integral =
      VectorTools::compute_global_error(tria, cell_errors, VectorTools::mean);
    const double volume = GridTools::volume(tria);
    errors.pressure =
      std::sqrt(std::max(0., p_l2 * p_l2 - p_integral * p_integral / volume));
    return errors;
  }
} // namespace FlowTestTools

#endif
