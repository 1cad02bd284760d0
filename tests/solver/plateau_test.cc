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
  EXPECT_NEAR(-cathode.current / cathode.area / 10., 300., 300. * 1e-6);
  EXPECT_LT(std::abs(r.charge_balance), 1e-8);
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
