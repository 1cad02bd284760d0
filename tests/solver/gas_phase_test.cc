// The gas phase of gas-fed electrodes (GasPhase, GasDiffusionTerm,
// GasLiquidExchangeTerm) against analytic answers:
// - the gas-diffusion-limited flux through a GDL strip whose catalyst side
//   is held at x_NO = 0 (fast kinetics): the dilute formula
//   N = c_g D_eff x_NO / L within 1 % at 1 % NO, and the exact
//   concentrated (stagnant carrier, Knudsen) flux at 50 % NO at second
//   order, in 2D and 3D; pure NO by Knudsen and viscous flow (the p^2
//   law) exactly, and 90 % NO with viscous flux at second order;
// - Henry equilibrium c = H p x where the exchange is fast, with the
//   dissolved gas leaving through the liquid, and the gas and liquid
//   balances closed to 1e-10;
// - a manufactured solution of the concentrated gas diffusion operator
//   (composition-dependent D_i) at second order;
// - a gas channel fed at a finite rate along the GDL: the uptake follows
//   plug flow and approaches the feed, never exceeding it.
// Each runs serially and on two ranks.
#include <deal.II/base/function.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/constants.h>
#include <physics/gas/gas_properties.h>
#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/discretization.h>
#include <solver/transport/gas_channel.h>
#include <solver/transport/nernst_planck_operator.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "quiet_steady_solve.h"

using namespace NOxFlow;
using namespace dealii;

namespace
{
  constexpr double gdl_length = 3e-4, width = 5e-5; // m
  constexpr double c0 = 1000.;                      // KOH, mol/m3

  /// 1 M KOH with dissolved NO (neutral).
  template <int dim>
  NernstPlanckModel<dim>
  electrolyte_with_no()
  {
    NernstPlanckModel<dim> model;
    model.electrolyte = Physics::Electrolyte({{"K+", 1, 1.96e-9, c0, -1},
                                              {"OH-", -1, 5.27e-9, c0, -1},
                                              {"NO", 0, 2.6e-9, 0., -1}},
                                             "K+");
    model.scales.concentration = c0;
    model.scales.diffusivity   = 5.27e-9;
    model.scales.length        = gdl_length;
    model.edge_fluxes          = true;
    return model;
  }

  /// NO in Ar through a carbon-paper-like layer.
  std::shared_ptr<GasPhase>
  no_in_argon(const double pore_diameter,
              const double exchange,
              const double permeability = 0.)
  {
    auto gas     = std::make_shared<GasPhase>();
    gas->species = {Physics::gas_species("NO", "test")};
    gas->carrier = Physics::gas_species("Ar", "test");
    gas->regions[0] =
      GasRegion{0.7, 0.2, pore_diameter, exchange, permeability}; // eps, s,
                                                                  // d, a k, B
    gas->dissolves_as = {2};
    gas->henry        = {Physics::henry_solubility(gas->species[0],
                                            298.15,
                                            {{"K+", c0}, {"OH-", c0}})};
    gas->prepare();
    return gas;
  }

  /// Solution components of the liquid held uniform (KOH, no NO), and
  /// the gas mole fraction given by @p x_gas.
  template <int dim>
  class HeldValues : public Function<dim>
  {
  public:
    HeldValues(const NernstPlanckModel<dim>             &model,
               std::function<double(const Point<dim> &)> x_gas)
      : Function<dim>(model.n_components())
      , liquid(model.unknowns_for({c0, c0, 0.}))
      , gas_component(model.gas_component(0))
      , x_gas(std::move(x_gas))
    {}

    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      if (c == gas_component)
        return x_gas(p);
      return c < liquid.size() ? liquid[c] : 0.;
    }

  private:
    std::vector<double>                       liquid;
    unsigned int                              gas_component;
    std::function<double(const Point<dim> &)> x_gas;
  };

  template <int dim>
  void
  make_strip(Discretization<dim> &disc, const unsigned int cells)
  {
    std::vector<unsigned int> repetitions(dim, 2);
    repetitions[0] = cells;
    Point<dim> far;
    for (unsigned int d = 0; d < dim; ++d)
      far[d] = d == 0 ? gdl_length : width;
    GridGenerator::subdivided_hyper_rectangle(
      disc.triangulation, repetitions, Point<dim>(), far, true);
    // colorize numbers the cells' materials too: one gas region.
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
  }

  /// Starts from the held values everywhere and solves to round-off.
  template <int dim>
  PETScWrappers::MPI::Vector
  solve(Discretization<dim>          &disc,
        const NernstPlanckModel<dim> &model,
        const double                  residual_tolerance = 1e-13)
  {
    disc.setup(model);
    auto solution = disc.owned_vector();
    VectorTools::interpolate(disc.dof_handler,
                             *model.boundary_values,
                             solution);
    disc.solution_constraints.distribute(solution);
    OperatingPoint point;
    const auto     report = Testing::quiet_steady_solve(
      disc, model, solution, point, 1e-12, residual_tolerance);
    EXPECT_TRUE(report.converged) << report.failure;
    return solution;
  }

  /// Gas entering through boundary @p id, mol/s (mol/(m s) in 2D): the gas
  /// row's residual on its held DoFs.
  template <int dim>
  double
  gas_entering(const Discretization<dim>        &disc,
               const NernstPlanckModel<dim>     &model,
               const PETScWrappers::MPI::Vector &solution,
               const types::boundary_id          id)
  {
    auto                      residual = disc.owned_vector();
    NernstPlanckOperator<dim> op(disc, model);
    AssemblyTargets           targets;
    targets.residual = &residual;
    op.assemble(
      disc.ghosted(solution), {}, -1, disc.hanging_constraints, targets);
    ComponentMask mask(model.n_components(), false);
    mask.set(model.gas_component(0), true);
    double sum = 0.;
    for (const auto i :
         DoFTools::extract_boundary_dofs(disc.dof_handler, mask, {id}))
      if (disc.owned_dofs.is_element(i))
        sum += residual(i);
    return Utilities::MPI::sum(sum, disc.comm) * model.residual_to_molar_flux();
  }

  /// Steady flux of NO (mol/(m2 s)) through the strip with x_NO = @p x_feed
  /// at x = 0 (the feed: 1 is pure NO) and @p x_end at x = L, on @p cells
  /// cells along it, pores of @p permeability.
  template <int dim>
  double
  limited_flux(const double       x_feed,
               const double       pore_diameter,
               const unsigned int cells,
               const double       permeability = 0.,
               const double       x_end        = 0.)
  {
    auto model           = electrolyte_with_no<dim>();
    auto gas             = no_in_argon(pore_diameter, 0., permeability);
    gas->feed_boundaries = {0, 1};
    gas->feed            = {x_feed};
    gas->without_carrier = x_feed >= 1.;
    model.gas            = gas;
    model.concentration_dirichlet = {1};
    model.potential_dirichlet     = {1};
    model.boundary_values =
      std::make_shared<HeldValues<dim>>(model, [=](const Point<dim> &p) {
        return x_feed + (x_end - x_feed) * p[0] / gdl_length;
      });
    Discretization<dim> disc(MPI_COMM_WORLD);
    make_strip(disc, cells);
    // Viscous flux and concentrated feeds carry 10-100x the flux of a
    // dilute feed: their residual's round-off is larger.
    const bool   large    = permeability > 0. || x_feed > 0.5;
    const auto   solution = solve(disc, model, large ? 1e-11 : 1e-13);
    const double area     = std::pow(width, dim - 1);
    return gas_entering(disc, model, solution, 0) / area;
  }

  /// Flux errors of @p flux(cells) against @p exact on 3 meshes from
  /// @p coarsest cells, halving: each halving gains order > 1.9, and the
  /// finest is within 1e-3.
  template <typename Flux>
  std::vector<double>
  expect_second_order(const std::string &label,
                      const unsigned int coarsest,
                      const double       exact,
                      const Flux        &flux)
  {
    std::vector<double> errors;
    for (unsigned int cells = coarsest; cells <= 4 * coarsest; cells *= 2)
      errors.push_back(std::abs(flux(cells) - exact));
    for (unsigned int i = 1; i < errors.size(); ++i)
      {
        const double order = std::log2(errors[i - 1] / errors[i]);
        std::cout << label << ", " << (coarsest << i) << " cells: flux error "
                  << errors[i] / exact << ", order " << order << std::endl;
        EXPECT_GT(order, 1.9);
      }
    EXPECT_LT(errors.back(), 1e-3 * exact);
    return errors;
  }

  /// Exact flux of the stagnant-carrier model with Knudsen term:
  /// N = (c_g f / L) int_0^x_feed dx / ((1 - x) / D_m + 1 / D_K).
  double
  exact_flux(const double x_feed, const double pore_diameter)
  {
    const auto   gas = no_in_argon(pore_diameter, 0.);
    const double a   = gas->resistance(0, 0).molecular;
    const double b   = gas->resistance(0, 0).knudsen;
    // Resistances already hold the Bruggeman factor.
    return gas->molar_density() / gdl_length / a *
           std::log((a + b) / (a * (1. - x_feed) + b));
  }
} // namespace

TEST(GasPhase, DiffusionLimitedFluxThroughAGdlMatchesTheDiluteFormula)
{
  // 1 % NO in Ar, 1 um pores: D_eff = (eps (1 - s))^1.5 / (1/D + 1/D_K).
  const double x_feed = 0.01, pore = 1e-6;
  const auto   no = Physics::gas_species("NO", "test");
  const auto   ar = Physics::gas_species("Ar", "test");
  const double d_eff =
    std::pow(0.7 * 0.8, 1.5) /
    (1. / Physics::binary_diffusivity(no, ar, 298.15, 101325.) +
     1. / Physics::knudsen_diffusivity(no, pore, 298.15));
  const double c_g    = 101325. / (Physics::Constants::gas_constant * 298.15);
  const double dilute = c_g * d_eff * x_feed / gdl_length;
  const double flux   = limited_flux<2>(x_feed, pore, 16);
  const double n      = 5.; // NO -> NH3
  std::cout << "limiting current density " << n * 96485.33212 * flux
            << " A/m2, dilute formula " << n * 96485.33212 * dilute << " A/m2"
            << std::endl;
  EXPECT_NEAR(flux / dilute, 1., 0.01);
  // And not by accident: the concentrated correction is what separates
  // them (ln(1/(1 - x)) / x at 1 % NO is 1.005).
  EXPECT_NEAR(flux, exact_flux(x_feed, pore), 1e-6 * flux);
}

TEST(GasPhase, ConcentratedFluxConvergesAtSecondOrderIn2dAnd3d)
{
  // 50 % NO with Knudsen diffusion in 0.2 um pores: D varies by 1.5x
  // along the strip, so the edge diffusivities are exercised.
  const double x_feed = 0.5, pore = 2e-7;
  const double exact = exact_flux(x_feed, pore);
  const auto errors  = expect_second_order("2D", 4, exact, [&](unsigned cells) {
    return limited_flux<2>(x_feed, pore, cells);
  });
  const double error_3d = std::abs(limited_flux<3>(x_feed, pore, 16) - exact);
  EXPECT_NEAR(error_3d, errors.back(), 1e-6 * exact);
}

// Pure NO (no carrier) permeates by Knudsen and viscous (Darcy) flow:
// N = (c_g / L) (K (1 - x_L) + kappa (1 - x_L^2) / 2), the classical
// Knudsen plus p^2 law of a pure gas, here with the pressure halved across
// the strip. D = K + kappa x is linear in x, so the edge flux at the edge's
// mean is exact: the discrete flux equals it to round-off.
TEST(GasPhase, PureGasPermeatesByKnudsenAndViscousFlow)
{
  const double pore = 1e-6, permeability = 3e-14, x_end = 0.5;
  const auto   gas     = no_in_argon(pore, 0., permeability);
  const double knudsen = 1. / gas->resistance(0, 0).knudsen;
  const double kappa   = gas->resistance(0, 0).viscous;
  const double viscous = kappa * (1. - x_end * x_end) / 2.;
  const double exact =
    gas->molar_density() / gdl_length * (knudsen * (1. - x_end) + viscous);
  // Both mechanisms carry a real share, so that either one missing fails.
  EXPECT_GT(viscous / (knudsen * (1. - x_end)), 0.3);
  EXPECT_LT(viscous / (knudsen * (1. - x_end)), 3.);
  const double flux_2d = limited_flux<2>(1., pore, 8, permeability, x_end);
  const double flux_3d = limited_flux<3>(1., pore, 4, permeability, x_end);
  std::cout << "pure NO: flux " << flux_2d << " (2D), " << flux_3d
            << " (3D), exact " << exact << " mol/(m2 s)" << std::endl;
  EXPECT_NEAR(flux_2d, exact, 1e-9 * exact);
  EXPECT_NEAR(flux_3d, exact, 1e-9 * exact);
}

// 90 % NO in Ar with viscous flux: the dusty-gas D(x) of a stagnant carrier
// (GasPhase), whose flux (c_g / L) int_0^x_feed D(x) dx is integrated here
// by Simpson's rule; the viscous term doubles D near the feed.
TEST(GasPhase, ViscousFluxOfAConcentratedFeedConvergesAtSecondOrder)
{
  const double x_feed = 0.9, pore = 1e-6, permeability = 1e-12;
  const auto   gas  = no_in_argon(pore, 0., permeability);
  const auto  &r    = gas->resistance(0, 0);
  const double c_k  = 1. / r.carrier_knudsen;
  const auto   d_of = [&](const double x) {
    const double x_c = 1. - x;
    return 1. / (x_c * r.molecular +
                 1. / (1. / r.knudsen +
                       x * r.viscous * c_k / (c_k + x_c * r.viscous)));
  };
  const unsigned int n        = 20000;
  double             integral = d_of(0.) + d_of(x_feed);
  for (unsigned int k = 1; k < n; ++k)
    integral += (k % 2 ? 4. : 2.) * d_of(k * x_feed / n);
  const double exact =
    gas->molar_density() / gdl_length * integral * x_feed / (3. * n);
  expect_second_order("90 % NO", 8, exact, [&](unsigned cells) {
    return limited_flux<2>(x_feed, pore, cells, permeability);
  });
  // The viscous flux matters here: without it the flux is far lower.
  EXPECT_LT(limited_flux<2>(x_feed, pore, 32), 0.8 * exact);
}

namespace
{
  /// 10 % NO fed at x = 0; the whole strip exchanges (a k = @p exchange)
  /// and the dissolved NO leaves through the electrolyte held NO-free at
  /// x = L. Returns the largest |c / (H p x) - 1| over 0 < x < L/2: away
  /// from that boundary's layer (sqrt(D / a k) <= 1.6 um) and from the
  /// held feed nodes, whose liquid has no flux across x = 0 while the gas
  /// is held there (1e-5 off); and checks the balances.
  double
  distance_from_henry_equilibrium(const double exchange)
  {
    constexpr int dim             = 2;
    auto          model           = electrolyte_with_no<dim>();
    auto          gas             = no_in_argon(1e-6, exchange);
    gas->feed_boundaries          = {0};
    model.gas                     = gas;
    model.concentration_dirichlet = {1};
    model.potential_dirichlet     = {1};
    model.boundary_values =
      std::make_shared<HeldValues<dim>>(model,
                                        [](const Point<dim> &) { return 0.1; });
    Discretization<dim> disc(MPI_COMM_WORLD);
    make_strip(disc, 24);
    const auto solution = solve(disc, model);
    const auto ghosted  = disc.ghosted(solution);

    const auto names = model.component_names();
    const auto no_component =
      std::find(names.begin(), names.end(), "NO") - names.begin();
    const double h_p = gas->henry[0] * gas->pressure;
    // Sechenov: 1 M KOH salts NO out to 0.649 of its solubility in water.
    EXPECT_NEAR(h_p, 1.9e-5 * 101325. * 0.649, 0.01 * h_p);
    double worst = 0.;
    for (const auto &cell : disc.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto v : cell->vertex_indices())
          if (cell->vertex(v)[0] > 0. && cell->vertex(v)[0] < 0.5 * gdl_length)
            {
              const double x =
                ghosted(cell->vertex_dof_index(v, model.gas_component(0)));
              const double no =
                ghosted(cell->vertex_dof_index(v, no_component)) * c0;
              EXPECT_GT(x, 0.09);
              worst = std::max(worst, std::abs(no / (h_p * x) - 1.));
            }

    // What the gas feeds dissolves, and leaves through the electrolyte.
    const auto report = evaluate_cell(disc, model, ghosted, {});
    EXPECT_EQ(report.gas_inflow.size(), 1u);
    EXPECT_GT(report.gas_inflow[0], 0.);
    EXPECT_LT(std::abs(report.gas_balance[0]), 1e-10);
    EXPECT_NEAR(report.inflow[model.electrolyte.index("NO", "")],
                -report.gas_dissolved[0],
                1e-10 * report.gas_dissolved[0]);
    EXPECT_EQ(balance_violation(report, model.electrolyte, 1e-10), "");
    return Utilities::MPI::max(worst, MPI_COMM_WORLD);
  }
} // namespace

TEST(GasPhase, FastExchangeReachesHenryEquilibrium)
{
  // Off equilibrium by what the liquid carries, D c'' / (a k c): falls as
  // 1 / (a k).
  std::vector<double> distances;
  for (const double exchange : {1e3, 1e4})
    {
      distances.push_back(distance_from_henry_equilibrium(exchange));
      std::cout << "a k = " << exchange
                << " 1/s: largest |c / (H p x) - 1| inside the saturated "
                   "half "
                << distances.back() << std::endl;
    }
  EXPECT_LT(distances[0], 1e-6);
  EXPECT_GT(distances[0] / distances[1], 5.);
}

namespace
{
  constexpr double square = 1e-4; // m

  /// x_NO = 0.4 + 0.3 sin(pi x / L) sin(pi y / L) and the gas production
  /// that makes it steady, S = -c_g div(D(x) grad x), with the stagnant
  /// carrier's D(x) = 1 / ((1 - x) a + b).
  struct ManufacturedGas
  {
    double c_g, a, b;

    double
    x(const Point<2> &p) const
    {
      return 0.4 + 0.3 * std::sin(M_PI * p[0] / square) *
                     std::sin(M_PI * p[1] / square);
    }

    double
    source(const Point<2> &p) const
    {
      const double k  = M_PI / square;
      const double sx = std::sin(k * p[0]), sy = std::sin(k * p[1]);
      const double cx = std::cos(k * p[0]), cy = std::cos(k * p[1]);
      const double laplacian = -2. * k * k * 0.3 * sx * sy;
      const double grad2 =
        0.09 * k * k * (cx * cx * sy * sy + sx * sx * cy * cy);
      const double d   = 1. / ((1. - x(p)) * a + b);
      const double d_x = d * d * a; // d D / d x
      return -c_g * (d * laplacian + d_x * grad2);
    }
  };

  double
  manufactured_error(const unsigned int cells)
  {
    constexpr int dim             = 2;
    auto          model           = electrolyte_with_no<dim>();
    auto          gas             = no_in_argon(2e-7, 0.);
    gas->feed_boundaries          = {0, 1, 2, 3};
    model.gas                     = gas;
    model.concentration_dirichlet = {0};
    model.potential_dirichlet     = {0};
    const ManufacturedGas exact{gas->molar_density(),
                                gas->resistance(0, 0).molecular,
                                gas->resistance(0, 0).knudsen};
    model.boundary_values =
      std::make_shared<HeldValues<dim>>(model, [exact](const Point<dim> &p) {
        return exact.x(p);
      });
    model.gas_volume_source =
      std::make_shared<ScalarFunctionFromFunctionObject<dim>>(
        [exact](const Point<dim> &p) { return exact.source(p); });
    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_rectangle(disc.triangulation,
                                              {cells, cells},
                                              Point<dim>(),
                                              Point<dim>(square, square),
                                              true);
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
    // The gas rows are O(c_g D / (c_ref D_ref)) = O(100) here.
    const auto solution = solve(disc, model, 1e-10);
    const auto ghosted  = disc.ghosted(solution);
    double     error    = 0.;
    for (const auto &cell : disc.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto v : cell->vertex_indices())
          error = std::max(error,
                           std::abs(ghosted(cell->vertex_dof_index(
                                      v, model.gas_component(0))) -
                                    exact.x(cell->vertex(v))));
    return Utilities::MPI::max(error, MPI_COMM_WORLD);
  }
} // namespace

TEST(GasPhase, ManufacturedSolutionConvergesAtSecondOrder)
{
  std::vector<double> errors;
  for (const unsigned int cells : {8u, 16u, 32u})
    errors.push_back(manufactured_error(cells));
  for (unsigned int i = 1; i < errors.size(); ++i)
    {
      const double order = std::log2(errors[i - 1] / errors[i]);
      std::cout << (8u << i) << " cells across: max nodal error " << errors[i]
                << ", order " << order << std::endl;
      EXPECT_GT(order, 1.9);
    }
  EXPECT_LT(errors.back(), 1e-3);
}

namespace
{
  /// A GDL of thickness L (y) along a gas channel of length 40 L (x): the
  /// channel at y = 0 fed 10 % NO in Ar at @p feed mol/(s m), the catalyst
  /// side at y = L held at x_NO = 0 (fast kinetics). Returns the uptake
  /// over the feed, and that of plug flow over a GDL that passes
  /// N = (c_g D_eff / L) ln(1 / (1 - x)) (stagnant carrier) per area.
  std::pair<double, double>
  channel_uptake(const double feed)
  {
    constexpr int    dim  = 2;
    constexpr double x_in = 0.1, channel = 40. * gdl_length;
    auto             model        = electrolyte_with_no<dim>();
    auto             gas          = no_in_argon(0., 0.);
    gas->feed_boundaries          = {2, 3};
    gas->channel_boundaries       = {2};
    gas->feed_flow                = feed;
    gas->feed                     = {x_in};
    gas->channel_axis             = 0;
    model.gas                     = gas;
    model.concentration_dirichlet = {3};
    model.potential_dirichlet     = {3};
    model.boundary_values =
      std::make_shared<HeldValues<dim>>(model, [](const Point<dim> &p) {
        return p[1] > 0. ? 0. : x_in;
      });
    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_rectangle(disc.triangulation,
                                              {160, 4},
                                              Point<dim>(),
                                              Point<dim>(channel, gdl_length),
                                              true);
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
    auto            solution = solve(disc, model);
    GasChannel<dim> gas_channel(disc, model);
    OperatingPoint  point;
    unsigned int    updates = 0;
    while (gas_channel.update(solution, {}) > 1e-12 && updates < 30)
      {
        ++updates;
        const auto report = Testing::quiet_steady_solve(
          disc, model, solution, point, 1e-12, 1e-13);
        EXPECT_TRUE(report.converged) << report.failure;
      }
    EXPECT_LT(updates, 30u);
    const double fed   = feed * x_in;
    const double taken = gas_entering(disc, model, solution, 2);
    // The channel's outlet carries what the GDL did not take.
    EXPECT_NEAR(gas_channel.outlet_flow()[0], fed - taken, 1e-10 * fed);

    // Plug flow, dF/ds = -(c_g D / L) ln((F_c + F) / F_c), by RK4.
    const double beta =
      gas->molar_density() / gdl_length / gas->resistance(0, 0).molecular;
    const double carrier = feed * (1. - x_in);
    const auto   rate    = [&](const double f) {
      return -beta * std::log((carrier + std::max(f, 0.)) / carrier);
    };
    double       f = fed;
    const double h = channel / 20000.;
    for (int k = 0; k < 20000; ++k)
      {
        const double k1 = rate(f), k2 = rate(f + 0.5 * h * k1),
                     k3 = rate(f + 0.5 * h * k2), k4 = rate(f + h * k3);
        f += h / 6. * (k1 + 2. * k2 + 2. * k3 + k4);
      }
    return {taken / fed, (fed - f) / fed};
  }
} // namespace

TEST(GasPhase, ChannelUptakeApproachesTheFeedAndNeverExceedsIt)
{
  // From an undepleted channel the GDL would take 0.117 mol/(s m2) x
  // 12 mm = 1.4e-3 mol/(s m) of NO: NO feeds of 16x and 0.36x that.
  for (const double feed : {0.23, 5e-3})
    {
      const auto [computed, plug_flow] = channel_uptake(feed);
      std::cout << "feed " << feed << " mol/(s m): utilisation " << computed
                << ", plug flow " << plug_flow << std::endl;
      EXPECT_LE(computed, 1.);
      EXPECT_NEAR(computed, plug_flow, 0.01 * plug_flow);
    }
  // Starved: nearly all of it, never more.
  const double starved = channel_uptake(1e-3).first;
  EXPECT_GT(starved, 0.99);
  EXPECT_LE(starved, 1.);
}
