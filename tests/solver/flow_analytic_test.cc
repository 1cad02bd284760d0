// Flow against classical analytic results: Poiseuille (exact in Q2/Q1, also
// with hanging nodes and in 3D), Darcy's law through an anisotropic slab,
// the Brinkman channel profile (observed order), and mass conservation.
#include <deal.II/base/function.h>

#include <solver/flow/flow_diagnostics.h>

#include <gtest/gtest.h>

#include "flow_test_tools.h"

using namespace dealii;
using namespace NOxFlow;
using namespace FlowTestTools;

namespace
{
  constexpr double mu  = 8.9e-4;
  constexpr double rho = 997.;

  /// u_x(y) across 0 <= y <= h, padded to dim components; the pressure
  /// (component dim, if asked) falls linearly by gradient G to 0 at x = L.
  template <int dim>
  class ChannelSolution : public Function<dim>
  {
  public:
    ChannelSolution(std::function<double(double)> profile,
                    const double                  gradient,
                    const double                  length,
                    const unsigned int            n_components)
      : Function<dim>(n_components)
      , profile(profile)
      , gradient(gradient)
      , length(length)
    {}

    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      if (c == 0)
        return profile(p[1]);
      if (c == dim)
        return gradient * (length - p[0]);
      return 0.;
    }

  private:
    std::function<double(double)> profile;
    double                        gradient, length;
  };

  template <int dim>
  FlowProblem<dim>
  channel_problem(std::shared_ptr<const Function<dim>> inlet)
  {
    FlowProblem<dim> problem;
    problem.fluid.density          = rho;
    problem.fluid.viscosity        = mu;
    problem.inlet_velocity[left]   = inlet;
    problem.outlet_pressure[right] = 0.;
    if (dim == 3)
      problem.symmetry = {front, back};
    return problem;
  }

  template <int dim>
  void
  check_poiseuille(const bool hanging_nodes)
  {
    const double h = 2e-3, L = 6e-3, U = 0.05, G = 12. * mu * U / (h * h);
    const auto   profile = [=](const double y) {
      return 6. * U * y * (h - y) / (h * h);
    };
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    Point<dim>                                upper;
    upper[0] = L;
    upper[1] = h;
    if (dim == 3)
      upper[2] = 1e-3;
    make_box(tria,
             Point<dim>(),
             upper,
             dim == 2 ? std::vector<unsigned int>{6, 4} :
                        std::vector<unsigned int>{3, 2, 1});
    tria.refine_global(dim == 2 ? 1 : 0);
    if (hanging_nodes)
      {
        for (const auto &cell : tria.active_cell_iterators())
          if (cell->is_locally_owned() && cell->center()[0] < L / 3.)
            cell->set_refine_flag();
        tria.execute_coarsening_and_refinement();
      }

    const auto exact =
      std::make_shared<ChannelSolution<dim>>(profile, G, L, dim + 1);
    const FlowProblem<dim> problem = channel_problem<dim>(
      std::make_shared<ChannelSolution<dim>>(profile, 0., L, dim));
    FlowSolver<dim> solver(tria, problem);
    solver.setup();
    const FlowSolveReport report = solver.solve();
    const Errors          errors = l2_errors(solver, *exact);

    // Exact up to the solver tolerance: relative to U sqrt(area) and to the
    // pressure drop G L.
    const double area = GridTools::volume(tria);
    EXPECT_LT(errors.velocity / (U * std::sqrt(area)), 1e-8);
    EXPECT_LT(errors.pressure / (G * L * std::sqrt(area)), 1e-8);
    const FlowSummary summary = summarize_flow(solver);
    EXPECT_NEAR(summary.mean_pressure.at(left), G * L, 1e-8 * G * L);
    EXPECT_NEAR(summary.flow_rate.at(left) + summary.flow_rate.at(right),
                0.,
                1e-10 * std::abs(summary.flow_rate.at(left)));
    EXPECT_LE(report.newton_iterations, 4u);
  }
} // namespace

TEST(Poiseuille, ExactInTaylorHood2D)
{
  check_poiseuille<2>(false);
}

TEST(Poiseuille, ExactWithHangingNodes2D)
{
  check_poiseuille<2>(true);
}

TEST(Poiseuille, ExactBetweenSymmetryPlanes3D)
{
  check_poiseuille<3>(false);
}

// Uniform flow through a porous slab: the pressure drop is mu U L / K along
// the flow direction, for the anisotropic permeability's matching axis,
// with and without the Brinkman viscous term.
TEST(Darcy, AnisotropicSlabPressureDrop)
{
  const double L = 4e-3, U = 2e-3, Kx = 3e-11, Ky = 2e-12, eps = 0.7;
  for (const bool brinkman : {false, true})
    for (const unsigned int axis : {0u, 1u})
      {
        parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
        make_box(tria, Point<2>(), Point<2>(L, L), {8, 8});
        for (const auto &cell : tria.active_cell_iterators())
          cell->set_material_id(1);
        FlowProblem<2> problem;
        problem.fluid.viscosity = mu;
        problem.porous[1] =
          Physics::PorousMedium{eps, {{Kx, Ky, Kx}}, brinkman};
        const types::boundary_id in  = axis == 0 ? left : bottom;
        const types::boundary_id out = axis == 0 ? right : top;
        Tensor<1, 2>             velocity;
        velocity[axis] = U;
        problem.inlet_velocity[in] =
          std::make_shared<Functions::ConstantFunction<2>>(
            std::vector<double>{velocity[0], velocity[1]});
        problem.outlet_pressure[out] = 100.;
        problem.symmetry             = axis == 0 ?
                                         std::set<types::boundary_id>{bottom, top} :
                                         std::set<types::boundary_id>{left, right};
        FlowSolver<2> solver(tria, problem);
        solver.setup();
        solver.solve();
        const FlowSummary s = summarize_flow(solver);
        const double drop   = s.mean_pressure.at(in) - s.mean_pressure.at(out);
        const double K      = axis == 0 ? Kx : Ky;
        EXPECT_NEAR(drop, mu * U * L / K, 1e-8 * mu * U * L / K)
          << "axis " << axis << ", brinkman " << brinkman;
        EXPECT_NEAR(s.mean_pressure.at(out), 100., 1e-8 * drop);
        EXPECT_NEAR(s.flow_rate.at(in) + s.flow_rate.at(out), 0., 1e-8 * U * L);
      }
}

// A porous channel between no-slip plates: -mu/eps u'' + mu/K u = G gives
// u = (G K / mu) [1 - cosh(s (y - h/2)) / cosh(s h/2)], s = sqrt(eps / K).
// Q2 velocity converges at order 3 in L2; inflow equals outflow.
TEST(Brinkman, ChannelProfileConvergesAtOrderThree)
{
  const double h = 1e-3, L = 1e-3, K = 1e-8, eps = 0.8, G = 1e3;
  const double s       = std::sqrt(eps / K);
  const auto   profile = [=](const double y) {
    return G * K / mu *
           (1. - std::cosh(s * (y - h / 2.)) / std::cosh(s * h / 2.));
  };
  std::vector<double> errors;
  for (const unsigned int n : {8u, 16u, 32u})
    {
      parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
      make_box(tria, Point<2>(), Point<2>(L, h), {n / 4, n});
      for (const auto &cell : tria.active_cell_iterators())
        cell->set_material_id(3);
      FlowProblem<2> problem = channel_problem<2>(
        std::make_shared<ChannelSolution<2>>(profile, 0., L, 2));
      problem.fluid.density = rho;
      problem.porous[3]     = Physics::PorousMedium{eps, {{K, K, K}}, true};
      FlowSolver<2> solver(tria, problem);
      solver.setup();
      solver.solve();
      const ChannelSolution<2> exact(profile, G, L, 3);
      errors.push_back(l2_errors(solver, exact).velocity);
      const FlowSummary summary = summarize_flow(solver);
      EXPECT_NEAR(summary.flow_rate.at(left) + summary.flow_rate.at(right),
                  0.,
                  1e-10 * std::abs(summary.flow_rate.at(left)));
    }
  for (unsigned int i = 1; i < errors.size(); ++i)
    {
      const double order = std::log2(errors[i - 1] / errors[i]);
      EXPECT_GT(order, 2.8)
        << "refinement " << i << ": " << errors[i - 1] << " -> " << errors[i];
    }
}
