// A flow-through porous cathode at the limiting current (film mass transfer
// k_m, specific area a, superficial velocity u): the outlet concentration
// of the reactant is c_in exp(-k_m a L / u) in plug flow (physics-brief.md
// section 4), and with axial dispersion the exact solution of
// D c'' - u c' - k_m a c = 0 (inlet held, outflow at the outlet), to which
// the solver converges at second order.
#include <deal.II/base/function.h>
#include <deal.II/grid/grid_generator.h>

#include <physics/constants.h>
#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/discretization.h>
#include <solver/transport/prescribed_velocity.h>

#include <gtest/gtest.h>

#include <cmath>

#include "quiet_steady_solve.h"

using namespace NOxFlow;
using namespace dealii;

namespace
{
  constexpr double length = 1e-3, u = 1e-3, k_m = 1e-5, a_v = 1e5;
  constexpr double d_o = 1e-9, c_in = 1.;

  /// c(L)/c(0) of D c'' - u c' - k c = 0, c(0) = c_in, c'(L) = 0.
  double
  dispersed_ratio()
  {
    const double k  = k_m * a_v;
    const double r  = std::sqrt(u * u + 4. * d_o * k);
    const double m1 = (u + r) / (2. * d_o), m2 = (u - r) / (2. * d_o);
    const double b = 1. / (1. - m2 / m1 * std::exp((m2 - m1) * length));
    return b * std::exp(m2 * length) * (1. - m2 / m1);
  }

  /// Outlet/inlet concentration of the reactant computed on @p cells cells.
  double
  outlet_ratio(const unsigned int cells)
  {
    constexpr int          dim = 2;
    NernstPlanckModel<dim> model;
    // O + e- -> R- in 1 M KCl (supporting: no migration of O).
    model.electrolyte = Physics::Electrolyte({{"K+", 1, 1.96e-9, 1000., -1},
                                              {"Cl-", -1, 2.03e-9, 1000., -1},
                                              {"O", 0, d_o, c_in, -1},
                                              {"R-", -1, 1e-9, 0., -1}},
                                             "K+");
    model.scales.concentration = 1000.;
    model.scales.diffusivity   = 2.03e-9;
    model.scales.length        = length;
    Physics::ElectrodeReaction r;
    r.name                      = "reduction";
    r.electrode                 = "cathode";
    r.n_electrons               = 1;
    r.exchange_current_density  = 1.;
    r.reference_concentration   = 1.;
    r.alpha_cathodic            = 0.5;
    r.law                       = Physics::KineticsLaw::cathodic_tafel;
    r.stoichiometry             = {{2, -1.}, {3, 1.}};
    r.oxidant_orders            = {{2, 1.}};
    r.mass_transfer_coefficient = k_m;
    r.check(model.electrolyte);
    model.reactions               = {r};
    model.electrode_names         = {"cathode"};
    model.electrode_boundaries    = {2}; // collector: the wall y = 0
    model.reaction_electrode      = {0};
    model.porous_electrodes       = {PorousElectrode{0, {0}, a_v, 1e4}};
    model.concentration_dirichlet = {0};
    model.potential_dirichlet     = {0};
    Vector<double> held(model.n_components());
    const auto     inlet = model.unknowns_for({1000., 1000., c_in, 0.});
    for (unsigned int k = 0; k < inlet.size(); ++k)
      held[k] = inlet[k];
    model.boundary_values =
      std::make_shared<Functions::ConstantFunction<dim>>(held);
    Vector<double> velocity(dim);
    velocity[0]    = u;
    model.velocity = std::make_shared<PrescribedVelocityField<dim>>(
      std::make_shared<Functions::ConstantFunction<dim>>(velocity));

    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_rectangle(disc.triangulation,
                                              {cells, 2},
                                              Point<dim>(0., 0.),
                                              Point<dim>(length, length / 10.),
                                              true);
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
    disc.setup(model);

    auto solution = disc.owned_vector();
    for (unsigned int k = 0; k < inlet.size(); ++k)
      for (const auto i : disc.owned_dofs_by_component[k])
        solution(i) = inlet[k];
    solution.compress(VectorOperation::insert);
    disc.solution_constraints.distribute(solution);
    // -1 V: k_e / k_m is about 3e8, the film limits.
    OperatingPoint point;
    point.f_electrode_potentials = {-1. * Physics::Constants::f_over_rt};
    const auto report =
      Testing::quiet_steady_solve(disc, model, solution, point, 1e-10, 1e-10);
    EXPECT_TRUE(report.converged) << report.failure;

    const auto cell = evaluate_cell(disc,
                                    model,
                                    disc.ghosted(solution),
                                    point.f_electrode_potentials);
    // Conservation: O in = O out + O consumed (n = 1, i = -F rate).
    EXPECT_LT(std::abs(cell.species_balance[2]), 1e-8);
    return cell.outlet_concentration[2] / c_in;
  }
} // namespace

TEST(FlowThroughElectrode, LimitingCurrentOutletFollowsExpOfMinusKmALOverU)
{
  const double plug  = std::exp(-k_m * a_v * length / u);
  const double exact = dispersed_ratio();
  // Axial dispersion is a small correction at Pe = u L / D = 1000.
  EXPECT_NEAR(exact / plug, 1., 3e-3);
  std::vector<double> errors;
  for (const unsigned int cells : {10u, 20u, 40u})
    {
      const double ratio = outlet_ratio(cells);
      EXPECT_NEAR(ratio / plug, 1., 1e-2) << cells << " cells";
      errors.push_back(std::abs(ratio - exact));
    }
  for (unsigned int i = 1; i < errors.size(); ++i)
    EXPECT_GT(std::log2(errors[i - 1] / errors[i]), 1.7)
      << "errors " << errors[i - 1] << " -> " << errors[i];
  // The reaction is lumped at the nodes (positivity), which keeps order 2
  // but with a larger constant than consistent quadrature: 40 cells give
  // 2.2e-4 of the exact ratio (3e-5 before lumping).
  EXPECT_LT(errors.back(), 5e-4 * exact)
    << "errors " << errors[0] << ", " << errors[1] << ", " << errors[2];
}
