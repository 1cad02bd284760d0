// The default case from a cold start to 200 and 300 mA/cm2, beyond the
// nitrate limiting current (about 205 mA/cm2): the ramp must cross the
// plateau (by potential stepping) and HER must carry the excess.
#include <gtest/gtest.h>

#include <cmath>

#include "case_runner.h"

using namespace NOxFlow;

TEST(Plateau, GalvanostaticRampCrossesTheNitrateLimitingCurrent)
{
  CaseParameters p;
  p.read(NOXFLOW_SOURCE_DIR "/cases/channel_nitrate/channel_nitrate.prm");
  p.operation.targets = {200., 300.};
  p.write_fields      = false;
  const auto steps =
    Testing::run_case<2>(p, Testing::scratch_folder("plateau"));
  ASSERT_TRUE(steps.back().is_target);
  const auto &r       = steps.back().report;
  const auto &cathode = r.electrodes[0];
  // The potential sweep's states are converged loosely (they only start
  // the next solve); the accepted point is converged fully.
  EXPECT_NEAR(-cathode.current / cathode.area / 10., 300., 300. * 1e-8);
  EXPECT_LE(std::abs(r.charge_balance), 1e-10);
  // Nitrate is exhausted at the surface; HER takes a large share.
  const unsigned int no3 = p.electrolyte.index("NO3-", "");
  EXPECT_LT(cathode.mean_concentration[no3], 1e-3);
  double fe_her = 0., fe_sum = 0.;
  for (unsigned int k = 0; k < p.reactions.size(); ++k)
    if (p.reactions[k].electrode == "cathode")
      {
        fe_sum += r.faradaic_efficiency[k];
        if (p.reactions[k].name == "her")
          fe_her = r.faradaic_efficiency[k];
      }
  EXPECT_NEAR(fe_sum, 1., 1e-12);
  EXPECT_GT(fe_her, 0.2);
  EXPECT_LT(fe_her, 0.4);
}

// Converged means converged: one 1.1 V potential step on the coarse channel,
// from near equilibrium (-0.9 V, 0.2 mA/cm2) into the nitrate plateau
// (-2 V, past the limiting current of about 205 mA/cm2); the continuation
// halves it as it needs. Every accepted point's charge and species balances
// close to the balance tolerance (1e-10), and with the default edge fluxes
// no concentration is negative. (Galerkin/SUPG stops on an NH3 undershoot
// at the electrode's leading edge at -1.644 V.)
const std::string potential_step = R"(
subsection Electrodes
  subsection cathode
    set Potential = -0.9
  end
end
subsection Operation
  set Mode              = potentiostatic
  set Working electrode = cathode
  set Targets           = -2
end
subsection Continuation
  set Initial step = 1
end
)";

TEST(Plateau, LargePotentialStepAcceptsOnlyBalancedPoints)
{
  const auto folder = Testing::scratch_folder("potential-step");
  const auto p =
    Testing::read_case(folder,
                       Testing::coarse_channel_case("nitrate_alkaline.prm",
                                                    potential_step));
  const auto steps = Testing::run_case<2>(p, folder + "/run");
  ASSERT_FALSE(steps.empty());
  ASSERT_TRUE(steps.back().is_target);
  EXPECT_DOUBLE_EQ(steps.back().control_value, -2.);
  for (const auto &step : steps)
    {
      const auto &r = step.report;
      EXPECT_LE(std::abs(r.charge_balance), 1e-10) << step.control_value;
      for (unsigned int s = 0; s < r.min_concentration.size(); ++s)
        EXPECT_GE(r.min_concentration[s], 0.)
          << p.electrolyte[s].name << " at " << step.control_value;
      for (unsigned int s = 0; s < r.species_balance.size(); ++s)
        {
          if (std::isnan(r.species_balance[s]))
            continue;
          EXPECT_LE(std::abs(r.species_balance[s]), 1e-10)
            << p.electrolyte[s].name << " at " << step.control_value;
        }
    }
  const auto &cathode = steps.back().report.electrodes[0];
  EXPECT_GT(-cathode.current / cathode.area / 10., 200.); // mA/cm2
}

// The balance check is what accepts a point: a tolerance no state can meet
// stops the run at its first point, naming the balance.
TEST(Plateau, UnmeetableBalanceToleranceStopsTheRun)
{
  const auto folder = Testing::scratch_folder("balance-check");
  const auto p =
    Testing::read_case(folder,
                       Testing::coarse_channel_case("nitrate_alkaline.prm",
                                                    potential_step + R"(
subsection Newton
  set Balance tolerance = 0
end
)"));
  try
    {
      Testing::run_case<2>(p, folder + "/run");
      ADD_FAILURE() << "the run accepted a point with a nonzero balance";
    }
  catch (const std::exception &e)
    {
      EXPECT_NE(std::string(e.what()).find("balance"), std::string::npos)
        << e.what();
    }
}

// Positivity by construction with the Galerkin scheme (Discretization/
// Species interpolation = logarithmic): the same step, into the plateau
// where Galerkin's linear interpolation stops on an NH3 undershoot at the
// electrode's leading edge (-1.644 V). Every accepted
// state has every concentration positive at every node, and its balances
// close.
TEST(Plateau, LogarithmicSpeciesStepIntoThePlateauStayPositive)
{
  const auto folder = Testing::scratch_folder("log-species-step");
  const auto p =
    Testing::read_case(folder,
                       Testing::coarse_channel_case("nitrate_alkaline.prm",
                                                    potential_step + R"(
subsection Discretization
  set Scheme                = galerkin
  set Species interpolation = logarithmic
end
)"));
  const auto steps = Testing::run_case<2>(p, folder + "/run");
  ASSERT_FALSE(steps.empty());
  ASSERT_TRUE(steps.back().is_target);
  EXPECT_DOUBLE_EQ(steps.back().control_value, -2.);
  for (const auto &s : steps)
    {
      const auto &r = s.report;
      EXPECT_LE(std::abs(r.charge_balance), 1e-10) << s.control_value;
      for (unsigned int k = 0; k < r.min_concentration.size(); ++k)
        EXPECT_GT(r.min_concentration[k], 0.)
          << p.electrolyte[k].name << " at " << s.control_value;
    }
  // On the plateau: above the linear interpolation's last point (-1.644 V,
  // about 200 mA/cm2).
  const auto &cathode = steps.back().report.electrodes[0];
  EXPECT_GT(-cathode.current / cathode.area / 10., 200.); // mA/cm2
}
