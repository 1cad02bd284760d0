// The nitrate presets with water and ammonium equilibria on the coarse
// channel: in 1 M KOH they reproduce the plain KOH model (H+ and NH4+ are
// negligible there), conservation holds for the component totals
// (nitrogen as NH3 + NH4+), and a pH 2 inlet turns alkaline at the cathode
// with Newton converging in a few steps per point.
#include <gtest/gtest.h>

#include <cmath>

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
  const auto p =
    Testing::read_case(folder,
                       Testing::coarse_channel_case("nitrate_neutral.prm",
                                                    R"(
subsection Species
  subsection K+
    set Inlet concentration = 1090
  end
  subsection OH-
    set Inlet concentration = 1e-9
  end
  subsection H+
    set Inlet concentration = 10
  end
end
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
