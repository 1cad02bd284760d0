// The assembled Newton matrix is the derivative of the residual: checked by
// central differences along random directions, with everything the
// operator couples switched on (equilibria crossing neutrality, a fixed
// charge region with Bruggeman diffusion, flow with SUPG, a kinetic volume
// reaction, electrode kinetics on a surface and in a porous electrode), and
// in the rows Newton solves with a fast kinetic reaction (reaction
// invariants, a Damkoehler-scaled pivot row). A wrong Jacobian entry shows
// up here long before it slows Newton down in a case.
#include <deal.II/base/function.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/chemistry/homogeneous_reaction.h>
#include <physics/constants.h>
#include <solver/transport/discretization.h>
#include <solver/transport/jacobian_pattern.h>
#include <solver/transport/nernst_planck_operator.h>
#include <solver/transport/prescribed_velocity.h>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>

using namespace NOxFlow;
using namespace dealii;

namespace
{
  Physics::HomogeneousReaction
  reaction(const std::string          &equation,
           const double                pk,
           const bool                  equilibrium,
           const Physics::Electrolyte &e)
  {
    Physics::HomogeneousReaction r;
    r.name          = equation;
    r.equation      = equation;
    r.stoichiometry = Physics::parse_reaction_equation(equation, e, "test");
    double net      = 0.;
    for (const double nu : r.stoichiometry)
      net += nu;
    r.equilibrium_constant = std::pow(10., -pk + 3. * net);
    r.equilibrium          = equilibrium;
    r.forward_rate         = 2e-3;
    r.backward_rate        = 1e-3;
    return r;
  }

  /// Smooth scaled totals (the proton total changes sign; with
  /// @p trace_ammonia the ammonia total drops below zero, as in an inlet's
  /// bulk and its undershoots), potential.
  template <int dim>
  class State : public Function<dim>
  {
  public:
    explicit State(const bool trace_ammonia)
      : Function<dim>(6)
      , trace_ammonia(trace_ammonia)
    {}
    const bool trace_ammonia;
    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      const double x = p[0], y = p[1];
      switch (c)
        {
          case 0: // OH- total
            return 0.2 * std::sin(3. * x + y) - 0.02;
          case 1: // NH3 total
            return trace_ammonia ? 0.03 * std::cos(2. * x - y) - 0.01 :
                                   0.1 + 0.05 * std::cos(2. * x - y);
          case 2: // NO3-
            return 0.1 + 0.03 * x * y;
          case 3: // NO2-
            return 0.02 + 0.01 * y;
          case 4: // SO4--
            return 0.5 + 0.1 * x;
          default: // psi
            return 0.4 * x - 0.2 * y * y;
        }
    }
  };

  /// Positive smooth totals for any number of unknowns (kinetic case).
  template <int dim>
  class GenericState : public Function<dim>
  {
  public:
    explicit GenericState(const unsigned int n)
      : Function<dim>(n)
    {}
    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      if (c + 1 == this->n_components) // psi
        return 0.4 * p[0] - 0.2 * p[1] * p[1];
      if (c == 0) // proton total (acidic to alkaline)
        return 0.2 * std::sin(3. * p[0] + p[1]) - 0.02;
      return 0.05 + 0.03 * std::cos((c + 1.) * p[0] - p[1]);
    }
  };

  /// A liquid state with gas mole fractions 0.1-0.3 appended (last
  /// @p n_gas components).
  template <int dim>
  class WithGas : public Function<dim>
  {
  public:
    WithGas(const Function<dim> &liquid, const unsigned int n_gas)
      : Function<dim>(liquid.n_components + n_gas)
      , liquid(liquid)
    {}
    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      if (c < liquid.n_components)
        return liquid.value(p, c);
      return 0.2 + 0.1 * std::sin((c + 2.) * p[0] - 3. * p[1]);
    }

  private:
    const Function<dim> &liquid;
  };

  /// With @p invariant_rows, the rows as Newton assembles them: the
  /// kinetic rate eliminated from all rows but its pivot, which is scaled
  /// by 1 / (1 + Da) (a fast rate, so that the scaling matters).
  template <int dim>
  void
  check_jacobian(const bool trace_ammonia,
                 const bool kinetic_ammonium = false,
                 const bool invariant_rows   = false,
                 const bool porous_electrode = false,
                 const bool logarithmic      = false,
                 const bool edge_fluxes      = false,
                 const bool onsager          = false,
                 const bool gas_phase        = false,
                 const bool carrier_free_gas = false)
  {
    NernstPlanckModel<dim> model;
    model.logarithmic_species = logarithmic;
    model.edge_fluxes         = edge_fluxes;
    // With the Onsager correction, 1 M KOH at the inlet sets the
    // migration factor (the inlet does not enter the Jacobian otherwise).
    const double koh  = onsager ? 1000. : 0.;
    model.electrolyte = Physics::Electrolyte({{"K+", 1, 1.96e-9, koh, -1},
                                              {"OH-", -1, 5.27e-9, koh, -1},
                                              {"H+", 1, 9.31e-9, 0., -1},
                                              {"NH3", 0, 2.28e-9, 0., -1},
                                              {"NH4+", 1, 1.98e-9, 0., -1},
                                              {"NO3-", -1, 1.90e-9, 0., -1},
                                              {"NO2-", -1, 1.91e-9, 0., -1},
                                              {"SO4--", -2, 1.07e-9, 0., -1}},
                                             "K+");
    if (onsager)
      {
        model.electrolyte.use_onsager_correction(3.5e-10);
        EXPECT_LT(model.electrolyte.migration_factor(), 0.8);
      }
    const auto &e              = model.electrolyte;
    model.scales.concentration = 1000.;
    model.scales.diffusivity   = 9.31e-9;
    model.scales.length        = 1.;
    if (kinetic_ammonium)
      {
        // A second-order rate through a secondary species (OH-).
        model.set_equilibria({reaction("H2O <-> H+ + OH-", 14., true, e)});
        auto ammonium         = reaction("NH4+ + OH- <-> NH3", -4.75, false, e);
        ammonium.forward_rate = invariant_rows ? 3.4e3 : 3.4e-4;
        ammonium.backward_rate = invariant_rows ? 1e3 : 1e-4;
        model.volume_reactions = {ammonium};
        ASSERT_EQ(model.n_components(), 7u);
      }
    else
      {
        model.set_equilibria({reaction("H2O <-> H+ + OH-", 14., true, e),
                              reaction("NH4+ <-> NH3 + H+", 9.25, true, e)});
        model.volume_reactions = {reaction("NO3- <-> NO2-", 0., false, e)};
        ASSERT_EQ(model.n_components(), 6u);
      }
    // Material 1 (x > 0.5): ionomer-filled porous layer.
    model.regions[1] = ElectrolyteRegion{std::pow(0.6, 1.5), -300.};

    Physics::ElectrodeReaction r;
    r.name                     = "nitrate_to_ammonia";
    r.electrode                = "cathode";
    r.n_electrons              = 8;
    r.exchange_current_density = 1e-2;
    r.reference_concentration  = 1000.;
    r.stoichiometry            = {{e.index("NO3-", ""), -1.},
                                  {e.index("NH3", ""), 1.},
                                  {e.index("OH-", ""), 9.}};
    r.oxidant_orders           = {{e.index("NO3-", ""), 1.}};
    r.reductant_orders         = {{e.index("NH3", ""), 1.}};
    r.check(e);
    model.reactions            = {r};
    model.electrode_boundaries = {2};
    model.electrode_names      = {"cathode"};
    model.reaction_electrode   = {0};
    if (porous_electrode)
      {
        // The cathode fills material 1 and collects at boundary 2 (y = 0);
        // its reactions are lumped at the nodes, SUPG parts at quadrature
        // points.
        model.porous_electrodes = {PorousElectrode{0, {1}, 30., 0.5}};
        ASSERT_EQ(model.n_components(), 7u);
      }
    if (gas_phase)
      {
        // NO and N2O in Ar fill material 1 (x > 0.5, the porous layer) with
        // Knudsen diffusion and a fast exchange; NO dissolves as NH3, a
        // species inside an equilibrium total, so that the exchange's
        // coupling to the liquid goes through the speciation.
        auto gas     = std::make_shared<GasPhase>();
        gas->species = {Physics::gas_species("NO", "test"),
                        Physics::gas_species("N2O", "test")};
        gas->carrier = Physics::gas_species("Ar", "test");
        // Exchange and Henry constants small enough that no term's
        // entries hide the others' in |J v|; a permeability whose viscous
        // flux is as large as the Knudsen one.
        gas->regions[1]      = GasRegion{0.6, 0.3, 1e-7, 1e-5, 1e-15};
        gas->without_carrier = carrier_free_gas;
        // The first reaction evolves N2O into the pores (of a porous
        // electrode; a surface reaction evolves nothing). Its entries are
        // far below the gas diffusion's in |J v|: gas_fed_case checks the
        // evolved gas itself, to 1e-8.
        gas->evolved_by   = {-1, 0};
        gas->dissolves_as = {static_cast<int>(e.index("NH3", "")), -1};
        gas->henry        = {2e-3, 1e-3};
        gas->prepare();
        model.gas = gas;
      }
    Vector<double> u(dim);
    u[0]           = 3e-7;
    u[1]           = 1e-7;
    model.velocity = std::make_shared<PrescribedVelocityField<dim>>(
      std::make_shared<Functions::ConstantFunction<dim>>(u));
    model.boundary_values =
      std::make_shared<Functions::ZeroFunction<dim>>(model.n_components());

    Discretization<dim> disc(MPI_COMM_WORLD);
    GridGenerator::hyper_cube(disc.triangulation, 0., 1., true);
    disc.triangulation.refine_global(3);
    for (const auto &cell : disc.triangulation.active_cell_iterators())
      if (cell->center()[0] > 0.5)
        cell->set_material_id(1);
    disc.setup(model);

    auto                    x = disc.owned_vector();
    const GenericState<dim> generic(model.n_liquid_components());
    const State<dim>        state(trace_ammonia);
    const Function<dim>    &liquid =
      kinetic_ammonium || porous_electrode ?
           static_cast<const Function<dim> &>(generic) :
           static_cast<const Function<dim> &>(state);
    VectorTools::interpolate(disc.dof_handler,
                             WithGas<dim>(liquid, model.n_gas_species()),
                             x);
    auto                             v = disc.owned_vector();
    std::mt19937                     random(3);
    std::uniform_real_distribution<> uniform(-1., 1.);
    for (const auto i : disc.owned_dofs)
      v(i) = uniform(random);
    v.compress(VectorOperation::insert);

    const AffineConstraints<double> none;
    NernstPlanckOperator<dim>       op(
      disc,
      model,
      invariant_rows ? NernstPlanckOperator<dim>::Rows::kinetic_invariants :
                             NernstPlanckOperator<dim>::Rows::component_totals);
    op.set_row_scale(disc.ghosted(x));
    const std::vector<double> f_phi_s = {-3.};
    const auto residual = [&](const PETScWrappers::MPI::Vector &at) {
      auto            r = disc.owned_vector();
      AssemblyTargets t;
      t.residual = &r;
      op.assemble(disc.ghosted(at), f_phi_s, -1, none, t);
      return r;
    };
    AssemblyTargets t;
    t.jacobian = &disc.jacobian;
    op.assemble(disc.ghosted(x), f_phi_s, -1, none, t);
    auto jv = disc.owned_vector();
    disc.jacobian.vmult(jv, v);

    for (const double h : {1e-6, 1e-7})
      {
        auto plus = x, minus = x;
        plus.add(h, v);
        minus.add(-h, v);
        auto fd = residual(plus);
        fd.add(-1., residual(minus));
        fd *= 1. / (2. * h);
        auto difference = fd;
        difference.add(-1., jv);
        EXPECT_LT(difference.l2_norm(), 1e-6 * jv.l2_norm())
          << "h = " << h << ": |J v| = " << jv.l2_norm()
          << ", |FD - J v| = " << difference.l2_norm();
      }

    // With the discretisation's own constraints, cells free of them go to
    // PETSc directly (LocalToGlobal); with a copy of the same constraints
    // every cell goes through AffineConstraints. Same system either way,
    // bordered vectors included.
    AffineConstraints<double> copy;
    copy.copy_from(disc.update_constraints);
    const auto bordered_system = [&](const AffineConstraints<double> &c) {
      std::array<PETScWrappers::MPI::Vector, 4> result;
      for (auto &r : result)
        r = disc.owned_vector();
      AssemblyTargets t;
      t.jacobian               = &disc.jacobian;
      t.residual               = &result[0];
      t.d_residual_d_potential = &result[1];
      t.d_current_d_solution   = &result[2];
      op.assemble(disc.ghosted(x), f_phi_s, 0, c, t);
      disc.jacobian.vmult(result[3], v);
      return result;
    };
    const auto direct  = bordered_system(disc.update_constraints);
    const auto general = bordered_system(copy);
    for (unsigned int k = 0; k < 4; ++k)
      {
        auto difference = direct[k];
        difference.add(-1., general[k]);
        EXPECT_GT(general[k].l2_norm(), 0.) << "vector " << k;
        EXPECT_LE(difference.l2_norm(), 1e-13 * general[k].l2_norm())
          << "vector " << k << " (residual, d r/d V, d I/d x, J v)";
      }

    // The pattern compacted where the species unknowns are zero (many
    // couplings vanish there) stores fewer entries, and the Jacobian at x
    // assembled into it is the full pattern's: entries that turn nonzero
    // are still taken. (With the constraints the pattern was made for:
    // the full one has no room for the rows of Dirichlet DoFs.)
    const auto assemble_jacobian = [&](const PETScWrappers::MPI::Vector &at) {
      AssemblyTargets t;
      t.jacobian = &disc.jacobian;
      op.assemble(disc.ghosted(at), f_phi_s, -1, disc.update_constraints, t);
      auto result = disc.owned_vector();
      disc.jacobian.vmult(result, v);
      return result;
    };
    const auto full_jv      = assemble_jacobian(x);
    const auto full_entries = disc.jacobian.n_nonzero_elements();
    auto       zero_species = x;
    for (unsigned int k = 0; k < model.potential_component(); ++k)
      for (const auto i : disc.owned_dofs_by_component[k])
        zero_species(i) = 0.;
    zero_species.compress(VectorOperation::insert);
    assemble_jacobian(zero_species);
    disc.compact_jacobian_pattern();
    const auto compact_entries = disc.jacobian.n_nonzero_elements();
    EXPECT_LT(compact_entries, full_entries);
    auto compact_jv = assemble_jacobian(x);
    // (Logarithmic unknowns at zero are concentrations of one: nothing
    // vanishes there.)
    if (!logarithmic)
      {
        EXPECT_GT(jacobian_allocations(disc), 0.);
      }
    compact_jv.add(-1., full_jv);
    EXPECT_LE(compact_jv.l2_norm(), 1e-13 * full_jv.l2_norm());

    // Compacted at the generic state near that zero-species state (as
    // before a cold start's first solve), the pattern holds every entry of
    // the Jacobian at x: nothing needs allocating, and J v is the full
    // pattern's.
    disc.setup(model);
    compact_jacobian_pattern_at_generic_state(op, disc, zero_species, f_phi_s);
    EXPECT_LT(disc.jacobian.n_nonzero_elements(), full_entries);
    auto generic_jv = assemble_jacobian(x);
    EXPECT_EQ(jacobian_allocations(disc), 0.);
    generic_jv.add(-1., full_jv);
    EXPECT_LE(generic_jv.l2_norm(), 1e-13 * full_jv.l2_norm());
  }
} // namespace

TEST(Jacobian, MatchesFiniteDifferencesIn2D)
{
  check_jacobian<2>(false);
}

TEST(Jacobian, MatchesFiniteDifferencesWithTraceAmmonia)
{
  check_jacobian<2>(true);
}

TEST(Jacobian, MatchesFiniteDifferencesWithKineticAmmonium)
{
  check_jacobian<2>(false, true);
}

TEST(Jacobian, MatchesFiniteDifferencesWithFastKineticAmmoniumInvariantRows)
{
  check_jacobian<2>(false, true, true);
}

TEST(Jacobian, MatchesFiniteDifferencesWithPorousElectrode)
{
  check_jacobian<2>(false, false, false, true);
}

TEST(Jacobian, MatchesFiniteDifferencesIn3D)
{
  check_jacobian<3>(false);
}

// Logarithmic species interpolation: c = exp(Q1 interpolant of ln c) in the
// flux, SUPG, electrode, outflow and porous terms.
TEST(Jacobian, MatchesFiniteDifferencesWithLogarithmicSpecies)
{
  check_jacobian<2>(false, false, false, false, true);
  check_jacobian<2>(true, false, false, false, true);
}

TEST(Jacobian, MatchesFiniteDifferencesWithLogarithmicSpeciesKineticAndPorous)
{
  check_jacobian<2>(false, true, true, false, true);
  check_jacobian<2>(false, false, false, true, true);
}

TEST(Jacobian, MatchesFiniteDifferencesWithLogarithmicSpeciesIn3D)
{
  check_jacobian<3>(false, false, false, false, true);
}

// Scharfetter-Gummel edge fluxes (and the boundary terms lumped at the
// nodes), with trace ammonia, kinetic invariant rows and a
// porous electrode, in 2D and 3D.
TEST(Jacobian, MatchesFiniteDifferencesWithEdgeFluxes)
{
  check_jacobian<2>(false, false, false, false, false, true);
  check_jacobian<2>(true, true, true, false, false, true);
  check_jacobian<2>(false, false, false, true, false, true);
  check_jacobian<3>(false, false, false, false, false, true);
}

// The Debye-Hueckel-Onsager correction scales migration in the Galerkin,
// SUPG and edge fluxes.
TEST(Jacobian, MatchesFiniteDifferencesWithOnsagerCorrection)
{
  check_jacobian<2>(false, false, false, false, false, false, true);
  check_jacobian<2>(false, false, false, false, false, true, true);
}

// The gas phase: edge diffusion with composition-dependent diffusivities
// (Knudsen, viscous flow and stagnant carrier) and the gas-liquid exchange into
// a species of an equilibrium total, beside the liquid's edge fluxes.
TEST(Jacobian, MatchesFiniteDifferencesWithGasPhase)
{
  check_jacobian<2>(false, false, false, false, false, true, false, true);
  check_jacobian<2>(false, false, false, true, false, true, false, true);
  check_jacobian<3>(false, false, false, false, false, true, false, true);
  // No carrier in the feed: Knudsen and viscous flow only.
  check_jacobian<2>(false, false, false, false, false, true, false, true, true);
}
