// Manufactured solutions for the scaled Nernst-Planck operator: diffusion,
// migration and advection (SUPG) in the volume, and Butler-Volmer kinetics
// on a boundary. The observed convergence orders of Q1 are asserted.
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/constants.h>
#include <solver/nonlinear/steady_solver.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace dealii;
using namespace NOxFlow;

namespace
{
  /// a + b sin(k.x + phase) with its gradient and Laplacian.
  template <int dim>
  struct TrigField
  {
    double         a, b, phase;
    Tensor<1, dim> k;
    double
    value(const Point<dim> &p) const
    {
      return a + b * std::sin(k * p + phase);
    }
    Tensor<1, dim>
    gradient(const Point<dim> &p) const
    {
      return b * std::cos(k * p + phase) * k;
    }
    double
    laplacian(const Point<dim> &p) const
    {
      return -b * std::sin(k * p + phase) * (k * k);
    }
  };

  template <int dim>
  TrigField<dim>
  field(const double                a,
        const double                b,
        const double                phase,
        const std::array<double, 3> k)
  {
    TrigField<dim> f{a, b, phase, {}};
    for (unsigned int d = 0; d < dim; ++d)
      f.k[d] = k[d];
    return f;
  }

  /// A+ (z = 1) and C2+ (z = 2) transported, X- (z = -1) from
  /// electroneutrality: c_X = c_A + 2 c_C.
  template <int dim>
  struct Manufactured
  {
    const TrigField<dim>     c_a = field<dim>(1.0, 0.3, 0.2, {{1.1, 0.7, 0.5}});
    const TrigField<dim>     c_c = field<dim>(0.6, 0.2, 0.5, {{0.6, 1.3, 0.9}});
    const TrigField<dim>     psi = field<dim>(0.0, 0.8, 0.1, {{0.9, 0.4, 1.2}});
    const std::array<int, 3> z   = {{1, 2, -1}};
    const std::array<double, 3> d = {{1.0, 0.6, 0.8}};
    Tensor<1, dim>              u;

    /// @p speed scales the velocity (cell Peclet numbers).
    explicit Manufactured(const double speed = 1.)
    {
      for (unsigned int k = 0; k < dim; ++k)
        u[k] = speed * std::array<double, 3>{{0.8, 0.4, 0.3}}[k];
    }

    /// value, gradient and Laplacian of species s.
    void
    species(const unsigned int s,
            const Point<dim>  &p,
            double            &c,
            Tensor<1, dim>    &g,
            double            &lap) const
    {
      const double w_a = s == 0 ? 1. : s == 1 ? 0. : 1.;
      const double w_c = s == 0 ? 0. : s == 1 ? 1. : 2.;
      c                = w_a * c_a.value(p) + w_c * c_c.value(p);
      g                = w_a * c_a.gradient(p) + w_c * c_c.gradient(p);
      lap              = w_a * c_a.laplacian(p) + w_c * c_c.laplacian(p);
    }

    /// The flux N_s without advection: -D (grad c + z c grad psi).
    Tensor<1, dim>
    diffusive_flux(const unsigned int s, const Point<dim> &p) const
    {
      double         c, lap;
      Tensor<1, dim> g;
      species(s, p, c, g, lap);
      return -d[s] * (g + z[s] * c * psi.gradient(p));
    }

    /// div N_s.
    double
    source(const unsigned int s, const Point<dim> &p) const
    {
      double         c, lap;
      Tensor<1, dim> g;
      species(s, p, c, g, lap);
      return -d[s] *
               (lap + z[s] * (g * psi.gradient(p) + c * psi.laplacian(p))) +
             u * g;
    }
  };

  template <int dim>
  class ExactSolution : public Function<dim>
  {
  public:
    ExactSolution(const Manufactured<dim> &m)
      : Function<dim>(3)
      , m(m)
    {}
    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      return c == 0 ? m.c_a.value(p) : c == 1 ? m.c_c.value(p) : m.psi.value(p);
    }
    Tensor<1, dim>
    gradient(const Point<dim> &p, const unsigned int c) const override
    {
      return c == 0 ? m.c_a.gradient(p) :
             c == 1 ? m.c_c.gradient(p) :
                      m.psi.gradient(p);
    }

  private:
    const Manufactured<dim> &m;
  };

  template <int dim>
  class VolumeSource : public Function<dim>
  {
  public:
    VolumeSource(const Manufactured<dim> &m)
      : Function<dim>(3)
      , m(m)
    {}
    double
    value(const Point<dim> &p, const unsigned int s) const override
    {
      return m.source(s, p);
    }

  private:
    const Manufactured<dim> &m;
  };

  /// On the electrode x = 0: what the flux needs beyond the kinetics,
  /// g_s = -N_s.n (without advection) - s_kinetic.
  template <int dim>
  class KineticBoundarySource : public Function<dim>
  {
  public:
    KineticBoundarySource(const Manufactured<dim>          &m,
                          const Physics::ElectrodeReaction &reaction,
                          const double                      f_phi_s)
      : Function<dim>(3)
      , m(m)
      , reaction(reaction)
      , f_phi_s(f_phi_s)
    {}
    double
    value(const Point<dim> &p, const unsigned int s) const override
    {
      if (p[0] > 1e-12)
        return 0.;
      Tensor<1, dim> normal;
      normal[0] = -1.;
      std::vector<double> c(3);
      for (unsigned int k = 0; k < 3; ++k)
        {
          Tensor<1, dim> g;
          double         lap;
          m.species(k, p, c[k], g, lap);
        }
      Physics::ReactionRate rate;
      reaction.evaluate(c, f_phi_s - m.psi.value(p), rate);
      return -(m.diffusive_flux(s, p) * normal) -
             reaction.production_per_current(s) * rate.current_density;
    }

  private:
    const Manufactured<dim>          &m;
    const Physics::ElectrodeReaction &reaction;
    const double                      f_phi_s;
  };

  struct Errors
  {
    std::vector<double> l2, h1;
  };

  template <int dim>
  Errors
  solve_manufactured(const unsigned int refinements,
                     const bool         kinetics,
                     const double       speed       = 1.,
                     const bool         logarithmic = false,
                     const bool         edge_fluxes = false)
  {
    Manufactured<dim>      m(speed);
    NernstPlanckModel<dim> model;
    model.logarithmic_species = logarithmic;
    model.edge_fluxes         = edge_fluxes;
    model.electrolyte         = Physics::Electrolyte({{"A+", 1, 1.0, 1., -1},
                                                      {"C++", 2, 0.6, 1., -1},
                                                      {"X-", -1, 0.8, 3., -1}},
                                             "X-");
    // C2+ + e- -> A+ with Butler-Volmer kinetics, i0 of order F.
    Physics::ElectrodeReaction reaction;
    reaction.name                     = "reduction";
    reaction.electrode                = "electrode";
    reaction.n_electrons              = 1;
    reaction.exchange_current_density = 0.5 * Physics::Constants::faraday;
    reaction.reference_concentration  = 1.;
    reaction.stoichiometry            = {{1, -1.}, {0, 1.}};
    reaction.oxidant_orders           = {{1, 1.}};
    reaction.reductant_orders         = {{0, 1.}};
    reaction.check(model.electrolyte);
    const double f_phi_s = 0.2;

    for (unsigned int b = kinetics ? 1 : 0; b < 2 * dim; ++b)
      {
        model.concentration_dirichlet.insert(b);
        model.potential_dirichlet.insert(b);
      }
    if (kinetics)
      {
        model.reactions            = {reaction};
        model.electrode_boundaries = {0};
        model.electrode_names      = {"electrode"};
        model.reaction_electrode   = {0};
        model.boundary_source =
          std::make_shared<KineticBoundarySource<dim>>(m, reaction, f_phi_s);
      }
    Vector<double> u(dim);
    for (unsigned int k = 0; k < dim; ++k)
      u[k] = m.u[k];
    model.velocity = std::make_shared<PrescribedVelocityField<dim>>(
      std::make_shared<Functions::ConstantFunction<dim>>(u));
    model.boundary_values = std::make_shared<ExactSolution<dim>>(m);
    model.volume_source   = std::make_shared<VolumeSource<dim>>(m);

    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::hyper_cube(disc.triangulation, 0., 1., true);
    disc.triangulation.refine_global(refinements);
    disc.setup(model);

    NewtonSettings newton;
    newton.update_tolerance = 1e-11;
    // Residual entries grow with the advection (round-off floor).
    newton.residual_tolerance = 1e-11 * std::max(1., speed);
    LinearSolverSettings linear;
    linear.type               = "iterative";
    linear.relative_tolerance = 1e-11;
    std::ostringstream quiet;
    ConditionalOStream log(quiet, false);
    SteadySolver<dim>  solver(disc, model, newton, linear, log);

    auto solution = disc.owned_vector();
    for (unsigned int c = 0; c < 3; ++c)
      for (const auto i : disc.owned_dofs_by_component[c])
        solution(i) = c == 0 ? 1. : c == 1 ? 0.6 : 0.;
    solution.compress(VectorOperation::insert);
    disc.solution_constraints.distribute(solution);
    OperatingPoint point;
    point.f_electrode_potentials = {f_phi_s};
    const NewtonReport report    = solver.solve(solution, point);
    EXPECT_TRUE(report.converged) << report.failure;

    const auto         ghosted = disc.ghosted(solution);
    Errors             errors;
    ExactSolution<dim> exact(m);
    for (unsigned int c = 0; c < 3; ++c)
      {
        const ComponentSelectFunction<dim> mask(c, 3);
        Vector<float> cellwise(disc.triangulation.n_active_cells());
        for (const auto norm : {VectorTools::L2_norm, VectorTools::H1_seminorm})
          {
            VectorTools::integrate_difference(disc.dof_handler,
                                              ghosted,
                                              exact,
                                              cellwise,
                                              QGauss<dim>(3),
                                              norm,
                                              &mask);
            const double e =
              VectorTools::compute_global_error(disc.triangulation,
                                                cellwise,
                                                norm);
            (norm == VectorTools::L2_norm ? errors.l2 : errors.h1).push_back(e);
          }
      }
    return errors;
  }

  template <int dim>
  void
  check_orders(const std::vector<unsigned int> &levels,
               const bool                       kinetics,
               const double                     min_l2_order,
               const double                     speed       = 1.,
               const bool                       logarithmic = false,
               const bool                       edge_fluxes = false)
  {
    std::vector<Errors> errors;
    for (const unsigned int level : levels)
      errors.push_back(solve_manufactured<dim>(
        level, kinetics, speed, logarithmic, edge_fluxes));
    const auto &coarse  = errors[errors.size() - 2];
    const auto &fine    = errors.back();
    const char *names[] = {"A+", "C2+", "psi"};
    for (unsigned int c = 0; c < 3; ++c)
      {
        const double l2_order = std::log2(coarse.l2[c] / fine.l2[c]);
        const double h1_order = std::log2(coarse.h1[c] / fine.h1[c]);
        EXPECT_GT(l2_order, min_l2_order)
          << names[c] << " L2 errors " << coarse.l2[c] << " -> " << fine.l2[c];
        EXPECT_LT(l2_order, 2.3) << names[c];
        EXPECT_GT(h1_order, 0.95)
          << names[c] << " H1 errors " << coarse.h1[c] << " -> " << fine.h1[c];
        if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
          std::cout << "  " << names[c] << ": L2 " << fine.l2[c] << " (order "
                    << l2_order << "), H1 " << fine.h1[c] << " (order "
                    << h1_order << ")" << std::endl;
      }
  }
} // namespace

TEST(ManufacturedSolution, DiffusionMigrationAdvection2D)
{
  check_orders<2>({4, 5, 6}, false, 1.85);
}

TEST(ManufacturedSolution, ButlerVolmerBoundary2D)
{
  check_orders<2>({4, 5, 6}, true, 1.85);
}

TEST(ManufacturedSolution, DiffusionMigrationAdvection3D)
{
  check_orders<3>({2, 3, 4}, false, 1.75);
}

TEST(ManufacturedSolution, ButlerVolmerBoundary3D)
{
  check_orders<3>({2, 3, 4}, true, 1.75);
}

// SUPG from diffusion- to advection-dominated cells: velocity scaled so that
// the cell Peclet number |u| h / (2 D_min) on the finest mesh (h = 1/64,
// D_min = 0.6) is 0.1, 1, 10 and 100. Measured L2 orders (levels 5 -> 6):
// 2.00, 1.86-1.93, 1.65-1.77, 1.96-1.97: the Q1 strong residual lacks the
// diffusion term (zero for bilinears), which costs order where tau changes
// regime (issue #14 asks for >= 1.9; this guards today's floor).
TEST(ManufacturedSolution, SupgOrdersFromCellPeclet0p1To100)
{
  const double unit_peclet = 0.96 / 64. / (2. * 0.6); // at speed 1
  for (const double peclet : {0.1, 1., 10., 100.})
    {
      SCOPED_TRACE("cell Peclet " + std::to_string(peclet));
      if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
        std::cout << "  cell Peclet " << peclet << ":" << std::endl;
      check_orders<2>({4, 5, 6}, false, 1.6, peclet / unit_peclet);
    }
}

// The logarithmic species interpolation keeps the orders (interpolating
// ln c is second order for positive smooth c), with Butler-Volmer kinetics
// and in 3D.
TEST(ManufacturedSolution, LogarithmicSpecies2D)
{
  check_orders<2>({4, 5, 6}, false, 1.85, 1., true);
  check_orders<2>({4, 5, 6}, true, 1.85, 1., true);
}

TEST(ManufacturedSolution, LogarithmicSpecies3D)
{
  check_orders<3>({2, 3, 4}, true, 1.75, 1., true);
}

// Scharfetter-Gummel edge fluxes: second order while the cell Peclet number
// is at most 1 (measured L2 orders 1.88-2.00), with Butler-Volmer kinetics
// and in 3D. Beyond, the exponential fitting turns into upwinding: at cell
// Peclet 10 the L2 orders are 1.14-1.38 and the H1 orders 0.66-0.68 (not
// asserted); at 100 the ILU(0) species blocks the iterative solver had then
// hit a zero pivot (DIVERGED_PC_FAILED; issue #14's note).
TEST(ManufacturedSolution, EdgeFluxes)
{
  const double unit_peclet = 0.96 / 64. / (2. * 0.6); // at speed 1
  check_orders<2>({4, 5, 6}, true, 1.85, 1., false, true);
  for (const double peclet : {0.1, 1.})
    {
      SCOPED_TRACE("cell Peclet " + std::to_string(peclet));
      if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
        std::cout << "  cell Peclet " << peclet << ":" << std::endl;
      check_orders<2>(
        {4, 5, 6}, false, 1.85, peclet / unit_peclet, false, true);
    }
  check_orders<3>({2, 3, 4}, true, 1.75, 1., false, true);
}
