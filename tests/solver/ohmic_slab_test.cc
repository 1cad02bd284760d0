// Ohmic conduction computed by the solver: a slab carrying a current by
// migration alone (uniform concentrations, linear potential) has the
// potential drop j L / sigma with the Nernst-Einstein conductivity
// sigma = F^2/(RT) sum z^2 D_eff c: 27.15 S/m for 1 M KOH, and for a
// cation-exchange membrane the counter-ions of its fixed charge at reduced
// diffusivity. And a liquid junction: a slab between two compositions
// (the inlet's, and a boundary's own) carries no current; the salt
// diffuses linearly and the diffusion potential is
// (RT/F) (D_OH - D_K)/(D_OH + D_K) ln(c_R/c_L) (Planck). With the
// Debye-Hueckel-Onsager correction the slab conducts as measured: 21.4 S/m
// for 1 M KOH.
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
  /// Production (into the domain) on the face x = length only: each
  /// species leaves there as fast as migration carries it.
  template <int dim>
  class OutletFace : public Function<dim>
  {
  public:
    OutletFace(const std::vector<double> &values, const double length)
      : Function<dim>(values.size())
      , values(values)
      , length(length)
    {}
    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      return p[0] > length * (1. - 1e-12) ? values[c] : 0.;
    }

  private:
    const std::vector<double> values;
    const double              length;
  };

  /// Meshes the slab [0, length] x [0, height] with cells x 2 cells
  /// (boundary 0 at x = 0, 1 at x = length; one region) and solves @p model
  /// to round-off from the uniform scaled value @p start of the first
  /// unknown.
  template <int dim>
  NewtonReport
  solve_slab(Discretization<dim>          &disc,
             const NernstPlanckModel<dim> &model,
             const unsigned int            cells,
             const double                  length,
             const double                  height,
             const double                  start,
             PETScWrappers::MPI::Vector   &solution)
  {
    GridGenerator::subdivided_hyper_rectangle(disc.triangulation,
                                              {cells, 2},
                                              Point<dim>(0., 0.),
                                              Point<dim>(length, height),
                                              true);
    // (colorize also numbers the cells; the slab is one region)
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
    disc.setup(model);
    solution = disc.owned_vector();
    for (const auto i : disc.owned_dofs_by_component[0])
      solution(i) = start;
    solution.compress(VectorOperation::insert);
    disc.solution_constraints.distribute(solution);
    OperatingPoint point;
    return Testing::quiet_steady_solve(
      disc, model, solution, point, 1e-13, 1e-14);
  }

  /// Potential drop (V) across a K+/OH- slab of length L with fixed
  /// charge rho_fix (mol/m3) and diffusivity factor f, at current density
  /// j (A/m2) along x; with @p onsager the Debye-Hueckel-Onsager
  /// correction scales migration.
  double
  slab_potential_drop(const double j,
                      const double c_oh,
                      const double rho_fix,
                      const double f,
                      const bool   onsager = false)
  {
    constexpr int          dim    = 2;
    const double           length = 1e-4, d_k = 1.96e-9, d_oh = 5.27e-9;
    NernstPlanckModel<dim> model;
    model.electrolyte = Physics::Electrolyte({{"K+", 1, d_k, c_oh, -1},
                                              {"OH-", -1, d_oh, c_oh, -1}},
                                             "K+");
    if (onsager)
      model.electrolyte.use_onsager_correction(3.5e-10);
    const double m             = model.electrolyte.migration_factor();
    model.scales.concentration = 1000.;
    model.scales.diffusivity   = d_oh;
    model.scales.length        = length;
    model.regions[0]           = ElectrolyteRegion{f, rho_fix};
    const double c_k           = c_oh - rho_fix;
    // Migration fluxes at uniform concentration: N_i = -z_i D_i c_i F/RT
    // dphi/dx, and j = F sum z N = sigma (-dphi/dx).
    const double f_rt = Physics::Constants::f_over_rt;
    const double sigma =
      Physics::Constants::faraday * f_rt * f * m * (d_k * c_k + d_oh * c_oh);
    const double grad_phi = -j / sigma;
    const double n_k      = -f * m * d_k * c_k * f_rt * grad_phi;
    const double n_oh     = f * m * d_oh * c_oh * f_rt * grad_phi;
    // Leaving at x = L: production into the domain is -N.
    model.boundary_source = std::make_shared<OutletFace<dim>>(
      std::vector<double>{-n_k / 1000., -n_oh / 1000.}, length);
    model.concentration_dirichlet = {0};
    model.potential_dirichlet     = {0};
    Vector<double> held(2);
    held[0] = c_oh / 1000.;
    model.boundary_values =
      std::make_shared<Functions::ConstantFunction<dim>>(held);

    Discretization<dim>        disc(MPI_COMM_WORLD);
    PETScWrappers::MPI::Vector solution;
    const auto                 report =
      solve_slab(disc, model, 16, length, length / 4., c_oh / 1000., solution);
    EXPECT_TRUE(report.converged) << report.failure;

    // psi at x = L (every rank that owns a DoF there).
    const auto                           ghosted = disc.ghosted(solution);
    double                               psi_end = 0., count = 0.;
    std::vector<types::global_dof_index> dofs(disc.fe->n_dofs_per_cell());
    for (const auto &cell : disc.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(dofs);
          for (unsigned int v = 0; v < GeometryInfo<dim>::vertices_per_cell;
               ++v)
            if (cell->vertex(v)[0] > length * (1. - 1e-12))
              {
                psi_end += ghosted(cell->vertex_dof_index(v, 1));
                count += 1.;
              }
        }
    psi_end = Utilities::MPI::sum(psi_end, MPI_COMM_WORLD) /
              Utilities::MPI::sum(count, MPI_COMM_WORLD);
    return -psi_end / f_rt;
  }
} // namespace

TEST(OhmicSlab, OneMolarKohHasTheNernstEinsteinConductivity)
{
  const double j = 3000., length = 1e-4;
  const double drop = slab_potential_drop(j, 1000., 0., 1.);
  EXPECT_NEAR(j * length / drop, 27.15, 0.01);
  // Exactly the Nernst-Einstein value of the brief's data.
  const double sigma = Physics::Constants::faraday *
                       Physics::Constants::f_over_rt * 1000. *
                       (1.96e-9 + 5.27e-9);
  EXPECT_NEAR(j * length / drop / sigma, 1., 1e-6);
}

TEST(OhmicSlab, OnsagerCorrectionGivesTheMeasuredKohConductivity)
{
  // Migration scaled by 0.789: 21.4 S/m (measured 21.5, Gilliam et al.
  // 2007), and the same from the operator's fluxes as from the electrolyte.
  const double j = 3000., length = 1e-4;
  const double drop = slab_potential_drop(j, 1000., 0., 1., true);
  auto         koh  = Physics::Electrolyte({{"K+", 1, 1.96e-9, 1000., -1},
                                            {"OH-", -1, 5.27e-9, 1000., -1}},
                                  "K+");
  koh.use_onsager_correction(3.5e-10);
  EXPECT_NEAR(j * length / drop, 21.4, 0.1);
  EXPECT_NEAR(j * length / drop / koh.conductivity(koh.inlet_concentrations()),
              1.,
              1e-6);
}

TEST(OhmicSlab, CationExchangeMembraneDropIsJLOverSigma)
{
  // 1.2 M of fixed sulfonate groups, 0.1 M of co-ions, D reduced 4-fold.
  const double j = 5000., length = 1e-4, f = 0.25, c_oh = 100.;
  const double drop  = slab_potential_drop(j, c_oh, -1200., f);
  const double sigma = Physics::Constants::faraday *
                       Physics::Constants::f_over_rt * f *
                       (1.96e-9 * (c_oh + 1200.) + 5.27e-9 * c_oh);
  EXPECT_NEAR(drop / (j * length / sigma), 1., 1e-6);
}

TEST(JunctionSlab, TwoCompositionsGiveThePlanckDiffusionPotential)
{
  // K+/OH- at 1 M on the left (boundary 0, the inlet state) and 0.5 M on
  // the right (boundary 1, its own composition), a neutral trace NH3 at
  // 10 mM on the left and none on the right; no current, no flow.
  constexpr int          dim    = 2;
  const double           length = 1e-4, d_k = 1.96e-9, d_oh = 5.27e-9;
  const double           c_left = 1000., c_right = 500., nh3_left = 10.;
  NernstPlanckModel<dim> model;
  model.electrolyte          = Physics::Electrolyte({{"K+", 1, d_k, c_left, -1},
                                                     {"OH-", -1, d_oh, c_left, -1},
                                                     {"NH3", 0, 1.5e-9, nh3_left, -1}},
                                           "K+");
  model.scales.concentration = 1000.;
  model.scales.diffusivity   = d_oh;
  model.scales.length        = length;
  model.concentration_dirichlet = {0, 1};
  model.potential_dirichlet     = {0};
  Vector<double> left(3), right(3);
  left[0]  = c_left / 1000.; // OH-, NH3, psi (scaled)
  left[1]  = nh3_left / 1000.;
  right[0] = c_right / 1000.;
  model.boundary_values =
    std::make_shared<Functions::ConstantFunction<dim>>(left);
  model.own_boundary_values[1] =
    std::make_shared<Functions::ConstantFunction<dim>>(right);

  Discretization<dim>        disc(MPI_COMM_WORLD);
  PETScWrappers::MPI::Vector solution;
  const auto                 report =
    solve_slab(disc, model, 32, length, length / 8., c_left / 1000., solution);
  ASSERT_TRUE(report.converged) << report.failure;

  // Compare at every owned vertex: c linear in x, NH3 linear (pure
  // diffusion, exact in Q1), psi = t ln(c/c_L) with t = (D_OH-D_K)/(D_OH+D_K).
  const auto   ghosted = disc.ghosted(solution);
  const double t       = (d_oh - d_k) / (d_oh + d_k);
  double       c_error = 0., nh3_error = 0., psi_error = 0., psi_right = 0.;
  for (const auto &cell : disc.dof_handler.active_cell_iterators())
    if (cell->is_locally_owned())
      for (unsigned int v = 0; v < GeometryInfo<dim>::vertices_per_cell; ++v)
        {
          const double x = cell->vertex(v)[0] / length;
          const double c = c_left + (c_right - c_left) * x;
          c_error        = std::max(
            c_error,
            std::abs(1000. * ghosted(cell->vertex_dof_index(v, 0)) - c) / c);
          nh3_error =
            std::max(nh3_error,
                     std::abs(1000. * ghosted(cell->vertex_dof_index(v, 1)) -
                              nh3_left * (1. - x)) /
                       nh3_left);
          const double psi = ghosted(cell->vertex_dof_index(v, 2));
          psi_error =
            std::max(psi_error, std::abs(psi - t * std::log(c / c_left)));
          if (x > 1. - 1e-12)
            psi_right = psi;
        }
  c_error   = Utilities::MPI::max(c_error, MPI_COMM_WORLD);
  nh3_error = Utilities::MPI::max(nh3_error, MPI_COMM_WORLD);
  psi_error = Utilities::MPI::max(psi_error, MPI_COMM_WORLD);
  psi_right = Utilities::MPI::min(psi_right, MPI_COMM_WORLD);
  EXPECT_LT(nh3_error, 1e-9);
  EXPECT_LT(c_error, 1e-4);
  // 0.317 F/RT = 8.1 mV; the Q1 error of the log profile is O(h^2).
  EXPECT_LT(psi_error, 1e-4 * t * std::log(2.));
  EXPECT_NEAR(psi_right, t * std::log(c_right / c_left), 1e-4);
}
