// The nitrate presets with water and ammonium equilibria on the coarse
// channel: in 1 M KOH they reproduce the plain KOH model (H+ and NH4+ are
// negligible there), conservation holds for the component totals
// (nitrogen as NH3 + NH4+), and a pH 2 inlet turns alkaline at the cathode
// with Newton converging in a few steps per point.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "case_runner.h"

using namespace NOxFlow;

namespace
{
  double
  relative(const double a, const double b)
  {
    return std::abs(a - b) / std::max(std::abs(b), 1e-300);
  }

  /// Charge, every component total and the Faradaic efficiencies.
  void
  check_conservation(const CaseParameters &p, const StepRecord &step)
  {
    const auto &r = step.report;
    EXPECT_LT(std::abs(r.charge_balance), 1e-8);
    unsigned int checked = 0;
    for (unsigned int s = 0; s < p.electrolyte.n_species(); ++s)
      if (!std::isnan(r.species_balance[s]))
        {
          EXPECT_LT(std::abs(r.species_balance[s]), 1e-8)
            << p.electrolyte[s].name;
          ++checked;
        }
    EXPECT_GE(checked, 4u);
    double fe = 0.;
    for (unsigned int k = 0; k < p.reactions.size(); ++k)
      if (p.reactions[k].electrode == "cathode")
        {
          EXPECT_GE(r.faradaic_efficiency[k], 0.);
          fe += r.faradaic_efficiency[k];
        }
    EXPECT_NEAR(fe, 1., 1e-12);
    for (const double c : r.min_concentration)
      EXPECT_GT(c, -1e-3 * 1100.);
  }
} // namespace

TEST(ChemistryCase, AlkalinePresetWithEquilibriaEqualsPlainKoh)
{
  const auto folder = Testing::scratch_folder("chemistry-alkaline");
  // Without the direct 8e- path, so that the reactions are the shipped
  // channel case's.
  const std::string reactions = R"(
subsection Electrode reactions
  set Names = nitrate_to_nitrite, nitrite_to_ammonia, her, oer
end
)";
  const auto        with =
    Testing::read_case(folder,
                       Testing::coarse_channel_case(
                         "nitrate_alkaline.prm",
                         reactions + "subsection Output\n set Directory = " +
                           folder + "/with\nend\n"));
  auto without = with;
  {
    CaseParameters plain;
    plain.read(NOXFLOW_SOURCE_DIR "/cases/channel_nitrate/channel_nitrate.prm");
    without.electrolyte = plain.electrolyte;
    without.reactions   = plain.reactions;
    without.products    = plain.products;
    without.homogeneous_reactions.clear();
  }
  const auto steps_with    = Testing::run_case<2>(with, folder + "/a");
  const auto steps_without = Testing::run_case<2>(without, folder + "/b");
  const auto a             = Testing::targets_of(steps_with);
  const auto b             = Testing::targets_of(steps_without);
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  const auto &e_with    = with.electrolyte;
  const auto &e_without = without.electrolyte;
  for (unsigned int i = 0; i < 2; ++i)
    {
      check_conservation(with, *a[i]);
      const auto &ra = a[i]->report, &rb = b[i]->report;
      EXPECT_NEAR(ra.electrodes[0].potential, rb.electrodes[0].potential, 1e-5);
      EXPECT_NEAR(ra.electrodes[1].potential, rb.electrodes[1].potential, 1e-5);
      EXPECT_NEAR(ra.electrodes[0].mean_ph, rb.electrodes[0].mean_ph, 1e-5);
      for (unsigned int k = 0; k < 3; ++k)
        EXPECT_NEAR(ra.faradaic_efficiency[k], rb.faradaic_efficiency[k], 1e-5);
      // NH3 leaves partly as NH4+ (1e-5 of it at pH 14): the total agrees.
      const double nh3_total =
        ra.outlet_concentration[e_with.index("NH3", "")] +
        ra.outlet_concentration[e_with.index("NH4+", "")];
      EXPECT_LT(relative(nh3_total,
                         rb.outlet_concentration[e_without.index("NH3", "")]),
                1e-4);
      // Water equilibrium at the surface: pH > 14 from the OH- made there.
      EXPECT_GT(ra.electrodes[0].mean_ph, 14.);
    }
}

TEST(ChemistryCase, AcidInletTurnsAlkalineAtTheCathode)
{
  // pH 2 inlet (10 mM H+ in K2SO4): the cathode makes OH- faster than the
  // flow brings protons, so its surface crosses neutrality.
  const auto folder = Testing::scratch_folder("chemistry-acid");
  const auto p      = Testing::read_case(
    folder,
    Testing::coarse_channel_case("nitrate_neutral.prm",
                                 Testing::acid_inlet_species +
                                   R"(
subsection Operation
  set Targets = 20, 100
end
subsection Output
  set Directory = )" + folder + R"(/out
end
)"));
  const auto steps = Testing::run_case<2>(p, folder + "/run");
  const auto t     = Testing::targets_of(steps);
  ASSERT_EQ(t.size(), 2u);
  const unsigned int h = p.electrolyte.index("H+", "");
  for (const auto &step : steps)
    {
      check_conservation(p, step);
      EXPECT_LE(step.newton.iterations, 15u);
    }
  // Bulk stays at pH 2 (the outlet mixes), the surface goes alkaline.
  EXPECT_NEAR(-std::log10(t[0]->report.outlet_concentration[h] / 1000.),
              2.,
              0.1);
  EXPECT_GT(t[1]->report.electrodes[0].mean_ph, 10.);
  for (unsigned int i = 1; i < t.size(); ++i)
    EXPECT_GT(t[i]->report.electrodes[0].mean_ph,
              t[i - 1]->report.electrodes[0].mean_ph);
}

namespace
{
  /// What the issue compares between formulations, at one target.
  struct Observables
  {
    double              cathode_potential; // V
    double              surface_ph;        // cathode mean
    std::vector<double> cathode_fe;        // per cathode reaction
    double              fe_nh3;            // product NH3 (with NH4+)
    double              nitrogen_out;      // NH3 + NH4+ at the outlet, mol/m3
    double              ammonium_fraction; // NH4+ / (NH3 + NH4+) there

    static Observables
    of(const CaseParameters &p, const StepRecord &step)
    {
      const auto  &r = step.report;
      Observables  o;
      const double nh3 = r.outlet_concentration[p.electrolyte.index("NH3", "")];
      const double nh4 =
        r.outlet_concentration[p.electrolyte.index("NH4+", "")];
      o.cathode_potential = r.electrodes[0].potential;
      o.surface_ph        = r.electrodes[0].mean_ph;
      for (unsigned int k = 0; k < p.reactions.size(); ++k)
        if (p.reactions[k].electrode == "cathode")
          o.cathode_fe.push_back(r.faradaic_efficiency[k]);
      o.fe_nh3 = std::numeric_limits<double>::quiet_NaN();
      for (const auto &product : r.products)
        if (product.name == "NH3")
          o.fe_nh3 = product.faradaic_efficiency;
      o.nitrogen_out      = nh3 + nh4;
      o.ammonium_fraction = nh4 / (nh3 + nh4);
      return o;
    }
  };

  /// Largest differences of @p a from @p b: potential (V), pH, FE
  /// (absolute), NH3 + NH4+ outflow and the NH4+ fraction (relative).
  struct Difference
  {
    double potential = 0., ph = 0., fe = 0., nitrogen = 0., ammonium = 0.;

    void
    add(const Observables &a, const Observables &b)
    {
      potential = std::max(potential,
                           std::abs(a.cathode_potential - b.cathode_potential));
      ph        = std::max(ph, std::abs(a.surface_ph - b.surface_ph));
      for (unsigned int k = 0; k < a.cathode_fe.size(); ++k)
        fe = std::max(fe, std::abs(a.cathode_fe[k] - b.cathode_fe[k]));
      fe       = std::max(fe, std::abs(a.fe_nh3 - b.fe_nh3));
      nitrogen = std::max(nitrogen, relative(a.nitrogen_out, b.nitrogen_out));
      ammonium =
        std::max(ammonium, relative(a.ammonium_fraction, b.ammonium_fraction));
    }
  };

  std::ostream &
  operator<<(std::ostream &out, const Difference &d)
  {
    return out << "potential " << d.potential << " V, pH " << d.ph << ", FE "
               << d.fe << ", NH3+NH4+ out " << d.nitrogen
               << " (relative), NH4+ fraction " << d.ammonium << " (relative)";
  }
} // namespace

TEST(ChemistryCase, FastKineticAmmoniumEqualsTheEquilibrium)
{
  // The alkaline preset with its ammonium equilibrium declared kinetic, in
  // the form that carries the exchange at pH 14, NH4+ + OH- <-> NH3 + H2O
  // (pK = pKa - pKw = -4.75; k_f = 3.4e7 m3/(mol s) is the measured,
  // diffusion-limited rate), the backward rate from pK. From a cold start
  // it converges as the equilibrium formulation does, to its results, and
  // a tenfold faster rate changes them less still: the fast kinetics is
  // the equilibrium's limit. (Before the kinetic rows were rewritten as
  // reaction invariants plus one Damkoehler-scaled row per reaction, the
  // stiff rate in three rows held the line search to damped steps: ~15
  // Newton iterations per point and a ramp of over 100 points.)
  const auto folder = Testing::scratch_folder("chemistry-kinetic");
  const auto run    = [&](const std::string &name, const std::string &extra) {
    const auto p =
      Testing::read_case(folder,
                         Testing::coarse_channel_case(
                           "nitrate_alkaline.prm",
                           extra + "subsection Output\n set Directory = " +
                             folder + "/" + name + "\nend\n"));
    return std::make_pair(p, Testing::run_case<2>(p, folder + "/" + name));
  };
  const auto kinetic = [](const std::string &forward_rate) {
    return R"(
subsection Homogeneous reactions
  subsection ammonium
    set Equation               = NH4+ + OH- <-> NH3 + H2O
    set Type                   = kinetic
    set pK                     = -4.75
    set Forward rate constant  = )" +
           forward_rate + R"(
    set Backward rate constant = -1
  end
end
)";
  };
  const auto [p_eq, steps_eq]   = run("equilibrium", "");
  const auto [p_k, steps_k]     = run("k", kinetic("3.4e6"));
  const auto [p_10k, steps_10k] = run("10k", kinetic("3.4e7"));
  ASSERT_EQ(p_k.homogeneous_reactions.size(), 2u);
  ASSERT_FALSE(p_k.homogeneous_reactions[1].equilibrium);
  EXPECT_NEAR(p_k.homogeneous_reactions[1].backward_rate,
              3.4e6 / std::pow(10., 4.75 - 3.),
              1e-6 * p_k.homogeneous_reactions[1].backward_rate);

  const auto t_eq  = Testing::targets_of(steps_eq);
  const auto t_k   = Testing::targets_of(steps_k);
  const auto t_10k = Testing::targets_of(steps_10k);
  ASSERT_EQ(t_eq.size(), 2u);
  ASSERT_EQ(t_k.size(), 2u);
  ASSERT_EQ(t_10k.size(), 2u);

  // Newton: no more work than the equilibrium formulation needs (it takes
  // at most 6 iterations per point here).
  unsigned int most_eq = 0;
  for (const auto &step : steps_eq)
    most_eq = std::max(most_eq, step.newton.iterations);
  for (const auto *steps : {&steps_k, &steps_10k})
    {
      EXPECT_LE(steps->size(), steps_eq.size() + 1);
      for (const auto &step : *steps)
        EXPECT_LE(step.newton.iterations, most_eq + 2)
          << "at " << step.control_value << " mA/cm2";
    }

  // Every species balance closes with the volume production counted (NH3
  // and NH4+ each; without it NH4+ is off by 100 %). NH4+ closes only to the
  // round-off of its net rate, at pH 14 about 1e-10 of the forward and
  // backward rates it is the difference of (1e-6 at k_f = 3.4e6, 2e-5 at
  // 3.4e7); nitrogen as a whole to the solver tolerance.
  const auto check_balances = [](const CaseParameters &p,
                                 const StepRecord     &step) {
    const auto        &r   = step.report;
    const unsigned int nh4 = p.electrolyte.index("NH4+", "");
    EXPECT_LT(std::abs(r.charge_balance), 1e-8);
    EXPECT_LT(std::abs(r.nitrogen_balance), 1e-8);
    unsigned int checked = 0;
    for (unsigned int s = 0; s < p.electrolyte.n_species(); ++s)
      if (!std::isnan(r.species_balance[s]))
        {
          EXPECT_LT(std::abs(r.species_balance[s]), s == nh4 ? 1e-4 : 1e-8)
            << p.electrolyte[s].name;
          ++checked;
        }
    EXPECT_EQ(checked, 5u); // OH- total, NO3-, NO2-, NH3, NH4+
  };
  Difference kinetic_vs_equilibrium, k_vs_10k;
  for (unsigned int i = 0; i < 2; ++i)
    {
      const auto eq  = Observables::of(p_eq, *t_eq[i]);
      const auto k   = Observables::of(p_k, *t_k[i]);
      const auto k10 = Observables::of(p_10k, *t_10k[i]);
      kinetic_vs_equilibrium.add(k10, eq);
      kinetic_vs_equilibrium.add(k, eq);
      k_vs_10k.add(k, k10);
      check_balances(p_k, *t_k[i]);
      check_balances(p_10k, *t_10k[i]);
      // At pH 14 about 2e-5 of the ammonia is NH4+.
      EXPECT_GT(eq.ammonium_fraction, 1e-5);
      EXPECT_LT(eq.ammonium_fraction, 3e-5);
    }
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    std::cout << "kinetic vs equilibrium: " << kinetic_vs_equilibrium
              << "\nk vs 10 k: " << k_vs_10k << std::endl;
  // Measured: 1e-10 and below. The NH4+ fraction lags behind the
  // equilibrium by about 1e-4 / k_f (3e-5 at k_f = 3.4 m3/(mol s), which
  // fails here); the rest is the Newton tolerance.
  EXPECT_LT(kinetic_vs_equilibrium.potential, 1e-7);
  EXPECT_LT(kinetic_vs_equilibrium.ph, 1e-6);
  EXPECT_LT(kinetic_vs_equilibrium.fe, 1e-7);
  EXPECT_LT(kinetic_vs_equilibrium.nitrogen, 1e-7);
  EXPECT_LT(kinetic_vs_equilibrium.ammonium, 1e-5);
  EXPECT_LT(k_vs_10k.potential, 1e-8);
  EXPECT_LT(k_vs_10k.ph, 1e-7);
  EXPECT_LT(k_vs_10k.fe, 1e-8);
  EXPECT_LT(k_vs_10k.nitrogen, 1e-8);
  EXPECT_LT(k_vs_10k.ammonium, 1e-6);
}
