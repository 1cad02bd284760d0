// Porous electrode, two-potential model, against the classical analytic
// solution (Newman and Tobias): linear kinetics at uniform concentration in
// a slab fed by the electrolyte from the membrane side (x = 0) and by the
// solid from the collector (x = L). The reaction distribution is a sum of
// exponentials in x / L with nu^2 = a g L^2 (1/sigma + 1/kappa); the
// electrolyte potential and the electrode potential converge at second
// order.
#include <deal.II/base/function.h>
#include <deal.II/grid/grid_generator.h>

#include <physics/constants.h>
#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/discretization.h>

#include <gtest/gtest.h>

#include <cmath>

#include "quiet_steady_solve.h"

using namespace NOxFlow;
using namespace dealii;

namespace
{
  constexpr double length = 1e-4, current = 1000.; // m, A/m2 (x direction)
  constexpr double i0 = 316., a_v = 1e6, sigma_s = 150.;
  constexpr double d = 2e-9, c0 = 1000.;

  struct Analytic
  {
    double kappa, g, k, a, b;
    Analytic()
    {
      const double f = Physics::Constants::f_over_rt;
      kappa          = Physics::Constants::faraday * f * 2. * d * c0;
      g              = i0 * f; // i_n = g eta, alpha_a + alpha_c = 1
      k              = std::sqrt(a_v * g * (1. / sigma_s + 1. / kappa));
      // eta = a cosh(kx) + b sinh(kx), eta'(0) = I/kappa, eta'(L) = -I/sigma.
      b = current / (kappa * k);
      a = (-current / (sigma_s * k) - b * std::cosh(k * length)) /
          std::sinh(k * length);
    }
    double
    eta(const double x) const
    {
      return a * std::cosh(k * x) + b * std::sinh(k * x);
    }
    double
    phi_l(const double x) const
    {
      return -(current * x + a_v * g / k *
                               (a * (std::cosh(k * x) - 1.) / k +
                                b * (std::sinh(k * x) / k - x))) /
             kappa;
    }
    /// Electrode (collector) potential for E_eq = 0.
    double
    electrode_potential() const
    {
      return eta(length) + phi_l(length);
    }
  };

  struct Errors
  {
    double psi = 0., potential = 0., decay = 0.;
  };

  Errors
  solve(const unsigned int cells)
  {
    constexpr int          dim    = 2;
    const double           height = length / 8.;
    NernstPlanckModel<dim> model;
    model.electrolyte =
      Physics::Electrolyte({{"K+", 1, d, c0, -1}, {"A-", -1, d, c0, -1}}, "K+");
    model.scales.concentration = c0;
    model.scales.diffusivity   = d;
    model.scales.length        = length;
    // K+ + e- -> K, linear kinetics: only the potentials matter here.
    Physics::ElectrodeReaction r;
    r.name                     = "deposition";
    r.electrode                = "cathode";
    r.n_electrons              = 1;
    r.exchange_current_density = i0;
    r.alpha_anodic             = 0.5;
    r.alpha_cathodic           = 0.5;
    r.law                      = Physics::KineticsLaw::linear;
    r.stoichiometry            = {{0, -1.}};
    r.check(model.electrolyte);
    model.reactions               = {r};
    model.electrode_names         = {"cathode"};
    model.electrode_boundaries    = {1};
    model.reaction_electrode      = {0};
    model.porous_electrodes       = {PorousElectrode{0, {0}, a_v, sigma_s}};
    model.potential_dirichlet     = {0};
    model.concentration_dirichlet = {0};
    Vector<double> held(model.n_components());
    held[0] = 1.;
    model.boundary_values =
      std::make_shared<Functions::ConstantFunction<dim>>(held);

    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_rectangle(disc.triangulation,
                                              {cells, 2},
                                              Point<dim>(0., 0.),
                                              Point<dim>(length, height),
                                              true);
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
    disc.setup(model);

    auto solution = disc.owned_vector();
    for (const auto i : disc.owned_dofs_by_component[0])
      solution(i) = 1.;
    solution.compress(VectorOperation::insert);
    disc.solution_constraints.distribute(solution);

    OperatingPoint point;
    point.f_electrode_potentials = {-0.05 * Physics::Constants::f_over_rt};
    point.working_electrode      = 0;
    // The cathode's reactions consume the current the electrolyte brings.
    point.target_current = -current * height;
    point.current_scale  = current * height;
    const auto report    = Testing::quiet_steady_solve(
      disc, model, solution, point, 1e-12, 1e-13, true);
    EXPECT_TRUE(report.converged) << report.failure;

    const Analytic exact;
    Errors         errors;
    const double   f = Physics::Constants::f_over_rt;
    errors.potential = std::abs(point.f_electrode_potentials[0] / f -
                                exact.electrode_potential());
    const auto                           ghosted = disc.ghosted(solution);
    std::vector<types::global_dof_index> dofs(disc.fe->n_dofs_per_cell());
    for (const auto &cell : disc.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (unsigned int v = 0; v < GeometryInfo<dim>::vertices_per_cell; ++v)
          {
            const double x = cell->vertex(v)[0];
            errors.psi =
              std::max(errors.psi,
                       std::abs(ghosted(cell->vertex_dof_index(v, 1)) / f -
                                exact.phi_l(x)));
          }
    errors.psi = Utilities::MPI::max(errors.psi, MPI_COMM_WORLD);
    return errors;
  }
} // namespace

TEST(PorousElectrode, LinearKineticsMatchesTheAnalyticSolutionAtSecondOrder)
{
  const Analytic exact;
  // The reaction concentrates at the membrane side (sigma_s > kappa).
  EXPECT_GT(exact.k * length, 2.5);
  EXPECT_GT(std::abs(exact.eta(0.)), 3. * std::abs(exact.eta(length)));

  std::vector<Errors> e;
  for (const unsigned int cells : {8u, 16u, 32u})
    e.push_back(solve(cells));
  const double scale = std::abs(exact.phi_l(length));
  EXPECT_LT(e.back().psi, 2e-3 * scale);
  for (unsigned int i = 1; i < e.size(); ++i)
    {
      const double order_psi = std::log2(e[i - 1].psi / e[i].psi);
      const double order_v   = std::log2(e[i - 1].potential / e[i].potential);
      std::cout << "cells " << (8u << i) << ": |psi error| " << e[i].psi
                << " V, |phi_s error| " << e[i].potential << " V, orders "
                << order_psi << ", " << order_v << std::endl;
      EXPECT_GT(order_psi, 1.8) << "refinement " << i;
      EXPECT_GT(order_v, 1.8) << "refinement " << i;
    }
}
