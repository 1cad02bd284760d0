// Ohmic conduction computed by the solver: a slab carrying a current by
// migration alone (uniform concentrations, linear potential) has the
// potential drop j L / sigma with the Nernst-Einstein conductivity
// sigma = F^2/(RT) sum z^2 D_eff c: 27.15 S/m for 1 M KOH, and for a
// cation-exchange membrane the counter-ions of its fixed charge at reduced
// diffusivity.
#include <deal.II/base/function.h>
#include <deal.II/grid/grid_generator.h>

#include <physics/constants.h>
#include <solver/discretization.h>
#include <solver/steady_solver.h>

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

  /// Potential drop (V) across a K+/OH- slab of length L with fixed
  /// charge rho_fix (mol/m3) and diffusivity factor f, at current density
  /// j (A/m2) along x.
  double
  slab_potential_drop(const double j,
                      const double c_oh,
                      const double rho_fix,
                      const double f)
  {
    constexpr int          dim    = 2;
    const double           length = 1e-4, d_k = 1.96e-9, d_oh = 5.27e-9;
    NernstPlanckModel<dim> model;
    model.electrolyte          = Physics::Electrolyte({{"K+", 1, d_k, c_oh, -1},
                                                       {"OH-", -1, d_oh, c_oh, -1}},
                                             "K+");
    model.scales.concentration = 1000.;
    model.scales.diffusivity   = d_oh;
    model.scales.length        = length;
    model.regions[0]           = ElectrolyteRegion{f, rho_fix};
    const double c_k           = c_oh - rho_fix;
    // Migration fluxes at uniform concentration: N_i = -z_i D_i c_i F/RT
    // dphi/dx, and j = F sum z N = sigma (-dphi/dx).
    const double f_rt = Physics::Constants::f_over_rt;
    const double sigma =
      Physics::Constants::faraday * f_rt * f * (d_k * c_k + d_oh * c_oh);
    const double grad_phi = -j / sigma;
    const double n_k      = -f * d_k * c_k * f_rt * grad_phi;
    const double n_oh     = f * d_oh * c_oh * f_rt * grad_phi;
    // Leaving at x = L: production into the domain is -N.
    model.boundary_source = std::make_shared<OutletFace<dim>>(
      std::vector<double>{-n_k / 1000., -n_oh / 1000.}, length);
    model.concentration_dirichlet = {0};
    model.potential_dirichlet     = {0};
    Vector<double> held(2);
    held[0] = c_oh / 1000.;
    model.boundary_values =
      std::make_shared<Functions::ConstantFunction<dim>>(held);

    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::subdivided_hyper_rectangle(disc.triangulation,
                                              {16, 2},
                                              Point<dim>(0., 0.),
                                              Point<dim>(length, length / 4.),
                                              true);
    // (colorize also numbers the cells; the slab is one region)
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      cell->set_material_id(0);
    disc.setup(model);
    auto solution = disc.owned_vector();
    for (const auto i : disc.owned_dofs_by_component[0])
      solution(i) = c_oh / 1000.;
    solution.compress(VectorOperation::insert);
    disc.solution_constraints.distribute(solution);
    OperatingPoint point;
    const auto     report =
      Testing::quiet_steady_solve(disc, model, solution, point, 1e-13, 1e-14);
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
