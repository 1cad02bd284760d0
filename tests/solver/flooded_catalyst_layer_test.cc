// A flooded catalyst layer with first-order kinetics (issue #18, test b):
// dissolved NO enters a porous cathode of thickness L at the Henry
// concentration c_H and is reduced throughout at the rate k c, k =
// a_v i0 exp(alpha_c F |eta| / RT) / (n F c_ref), with the overpotential
// uniform (conducting solid, 1 M KOH, small current). The current density
// is the classical one of a catalyst layer with first-order kinetics
// (Thiele): i = n F c_H sqrt(k D_eff) tanh(phi), phi = L sqrt(k / D_eff).
#include <deal.II/base/function.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/constants.h>
#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/discretization.h>

#include <gtest/gtest.h>

#include <cmath>

#include "quiet_steady_solve.h"

using namespace NOxFlow;
using namespace dealii;

namespace
{
  constexpr double       length = 1e-5, height = length / 4.; // m
  constexpr double       c_koh = 1000., c_henry = 0.1;        // mol/m3
  constexpr double       d_no = 2.21e-9, porosity = 0.5;
  constexpr double       a_v = 1e7, i0 = 0.0305, alpha = 0.5; // 1/m, A/m2
  constexpr double       potential   = -0.2;                  // V, E_eq = 0
  constexpr unsigned int n_electrons = 5;

  double
  rate_constant()
  {
    const double f = Physics::Constants::f_over_rt;
    return a_v * i0 * std::exp(-alpha * f * potential) /
           (n_electrons * Physics::Constants::faraday * 1.);
  }

  double
  thiele_current_density()
  {
    const double d_eff = d_no * std::pow(porosity, 1.5);
    const double k     = rate_constant();
    const double phi   = length * std::sqrt(k / d_eff);
    return n_electrons * Physics::Constants::faraday * c_henry *
           std::sqrt(k * d_eff) * std::tanh(phi);
  }

  /// |i| in A/m2 on @p cells cells across the layer.
  double
  layer_current_density(const unsigned int cells)
  {
    constexpr int          dim = 2;
    NernstPlanckModel<dim> model;
    model.electrolyte = Physics::Electrolyte({{"K+", 1, 1.96e-9, c_koh, -1},
                                              {"OH-", -1, 5.27e-9, c_koh, -1},
                                              {"NO", 0, d_no, c_henry, -1}},
                                             "K+");
    model.scales.concentration = c_koh;
    model.scales.diffusivity   = 5.27e-9;
    model.scales.length        = length;
    model.edge_fluxes          = true;
    model.regions[0]           = ElectrolyteRegion{std::pow(porosity, 1.5), 0.};

    // NO + 4 H2O + 5 e- -> NH3 + 5 OH- (NH3 not tracked), first order in
    // NO at c_ref = 1 mol/m3.
    Physics::ElectrodeReaction r;
    r.name                     = "no_to_ammonia";
    r.electrode                = "cathode";
    r.n_electrons              = n_electrons;
    r.exchange_current_density = i0;
    r.alpha_cathodic           = alpha;
    r.law                      = Physics::KineticsLaw::cathodic_tafel;
    r.reference_concentration  = 1.;
    r.stoichiometry            = {{2, -1.}, {1, 5.}};
    r.oxidant_orders           = {{2, 1.}};
    r.check(model.electrolyte);
    model.reactions            = {r};
    model.electrode_names      = {"cathode"};
    model.electrode_boundaries = {1};
    model.reaction_electrode   = {0};
    // A well-conducting solid: the overpotential is uniform.
    model.porous_electrodes       = {PorousElectrode{0, {0}, a_v, 1e5}};
    model.potential_dirichlet     = {0};
    model.concentration_dirichlet = {0};
    Vector<double> held(model.n_components());
    const auto     inlet = model.unknowns_for({c_koh, c_koh, c_henry});
    for (unsigned int k = 0; k < inlet.size(); ++k)
      held[k] = inlet[k];
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
    VectorTools::interpolate(disc.dof_handler,
                             *model.boundary_values,
                             solution);
    disc.solution_constraints.distribute(solution);
    OperatingPoint point;
    point.f_electrode_potentials = {potential * Physics::Constants::f_over_rt};
    const auto report =
      Testing::quiet_steady_solve(disc, model, solution, point, 1e-12, 1e-13);
    EXPECT_TRUE(report.converged) << report.failure;

    const auto cell_report = evaluate_cell(disc,
                                           model,
                                           disc.ghosted(solution),
                                           point.f_electrode_potentials);
    EXPECT_EQ(balance_violation(cell_report, model.electrolyte, 1e-10), "");
    return std::abs(cell_report.electrodes[0].current) / height;
  }
} // namespace

TEST(FloodedCatalystLayer, FirstOrderKineticsGivesTheThieleCurrent)
{
  const double d_eff = d_no * std::pow(porosity, 1.5);
  const double phi   = length * std::sqrt(rate_constant() / d_eff);
  // Neither limit: the tanh matters.
  EXPECT_GT(phi, 1.5);
  EXPECT_LT(phi, 3.);
  const double        exact = thiele_current_density();
  std::vector<double> errors;
  for (const unsigned int cells : {16u, 32u, 64u})
    {
      const double i = layer_current_density(cells);
      errors.push_back(std::abs(i / exact - 1.));
      std::cout << cells << " cells: i = " << i << " A/m2, Thiele " << exact
                << " A/m2 (phi = " << phi << "), relative error "
                << errors.back() << std::endl;
    }
  EXPECT_LT(errors.back(), 0.01);
  // Second order, until the overpotential's non-uniformity (the ohmic drop
  // in the electrolyte, ~1e-4 relative here) is reached.
  EXPECT_GT(std::log2(errors[0] / errors[1]), 1.8);
}
