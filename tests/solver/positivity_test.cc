// Positivity by construction (issue #14): with the Scharfetter-Gummel edge
// fluxes the shipped channel case on its coarse level (Global refinements =
// 0, where the Galerkin/SUPG scheme stops at 200.6 mA/cm2 on a negative
// concentration) runs from a cold start across the nitrate plateau to 300
// mA/cm2, and every accepted state has every concentration >= 0 and its
// charge balance closed. Serial and mpirun -np 2.
#include <gtest/gtest.h>

#include <cmath>

#include "case_runner.h"

using namespace NOxFlow;

TEST(Positivity, EdgeFluxesCrossTheCoarseChannelPlateauWithoutNegatives)
{
  CaseParameters p;
  p.read(NOXFLOW_SOURCE_DIR "/cases/channel_nitrate/channel_nitrate.prm");
  p.global_refinements = 0;
  p.edge_fluxes        = true;
  p.operation.targets  = {200., 300.};
  p.write_fields       = false;
  const auto steps =
    Testing::run_case<2>(p, Testing::scratch_folder("positivity"));
  ASSERT_FALSE(steps.empty());
  ASSERT_TRUE(steps.back().is_target);
  for (const auto &step : steps)
    {
      const auto &r = step.report;
      EXPECT_LE(std::abs(r.charge_balance), 1e-10) << step.control_value;
      for (unsigned int s = 0; s < r.min_concentration.size(); ++s)
        EXPECT_GE(r.min_concentration[s], 0.)
          << p.electrolyte[s].name << " at " << step.control_value;
    }
  const auto &cathode = steps.back().report.electrodes[0];
  EXPECT_NEAR(-cathode.current / cathode.area / 10., 300., 300. * 1e-6);
}
