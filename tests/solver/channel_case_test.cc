// The default channel case on a coarse mesh: conservation of charge and of
// every species, Faradaic efficiencies summing to 1, the galvanostatic
// constraint, trends with current, and the same answer in parallel as in
// serial.
#include <gtest/gtest.h>

#include <cmath>

#include "case_runner.h"

using namespace NOxFlow;

namespace
{
  CaseParameters
  coarse_channel(const unsigned int dim)
  {
    CaseParameters p;
    p.read(NOXFLOW_SOURCE_DIR "/cases/channel_nitrate/channel_nitrate.prm");
    p.dimension          = dim;
    p.global_refinements = 0;
    p.operation.targets  = {20., 100.};
    p.write_fields       = false;
    if (dim == 3)
      {
        p.geometry.channel.cells_inlet     = 4;
        p.geometry.channel.cells_electrode = 16;
        p.geometry.channel.cells_outlet    = 4;
        p.geometry.channel.cells_height    = 12;
        p.geometry.channel.cells_width     = 2;
        p.geometry.channel.edge_grading    = 8;
        p.operation.targets                = {20.};
      }
    return p;
  }

  void
  check_conservation(const CaseParameters          &p,
                     const std::vector<StepRecord> &steps)
  {
    ASSERT_FALSE(steps.empty());
    const auto &transported = p.electrolyte.transported_species();
    for (const auto &step : steps)
      {
        const auto &r = step.report;
        EXPECT_LT(std::abs(r.charge_balance), 1e-8);
        for (const unsigned int s : transported)
          EXPECT_LT(std::abs(r.species_balance[s]), 1e-8)
            << p.electrolyte[s].name;
        // Galvanostatic: the cathode carries the prescribed current (A/m2).
        const auto &cathode = r.electrodes[0];
        EXPECT_NEAR(-cathode.current / cathode.area / 10.,
                    step.control_value,
                    1e-6 * step.control_value);
        double fe_cathode = 0.;
        for (unsigned int k = 0; k < p.reactions.size(); ++k)
          {
            EXPECT_GE(r.faradaic_efficiency[k], 0.);
            EXPECT_LE(r.faradaic_efficiency[k], 1.);
            if (p.reactions[k].electrode == "cathode")
              fe_cathode += r.faradaic_efficiency[k];
          }
        EXPECT_NEAR(fe_cathode, 1., 1e-12);
        for (const double c : r.min_concentration)
          EXPECT_GT(c, -1e-3 * 1100.);
      }
  }
} // namespace

TEST(ChannelCase, ConservesChargeAndSpeciesIn2D)
{
  auto p = coarse_channel(2);
  // The iterative solver here; the other channel tests take the default.
  p.linear_solver.type = "iterative";
  const auto folder    = Testing::scratch_folder("channel2d");
  const auto steps     = Testing::run_case<2>(p, folder);
  check_conservation(p, steps);

  // More current: higher cell voltage, higher surface pH, less nitrate at
  // the cathode.
  const unsigned int no3 = p.electrolyte.index("NO3-", "");
  for (unsigned int i = 1; i < steps.size(); ++i)
    {
      const auto &a = steps[i - 1].report.electrodes,
                 &b = steps[i].report.electrodes;
      EXPECT_GT(b[1].potential - b[0].potential,
                a[1].potential - a[0].potential);
      EXPECT_GT(b[0].mean_ph, a[0].mean_ph);
      EXPECT_LT(b[0].mean_concentration[no3], a[0].mean_concentration[no3]);
    }
}

TEST(ChannelCase, ConservesChargeAndSpeciesIn3D)
{
  const auto p      = coarse_channel(3);
  const auto folder = Testing::scratch_folder("channel3d");
  check_conservation(p, Testing::run_case<3>(p, folder));
}

TEST(ChannelCase, ParallelRunEqualsSerialRun)
{
  // Under mpirun -np 2: the same case on all ranks together and on each rank
  // alone.
  const auto p      = coarse_channel(2);
  const auto rank   = dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
  const auto folder = Testing::scratch_folder("channel-parallel");
  const auto parallel = Testing::run_case<2>(p, folder + "/parallel");
  const auto serial =
    Testing::run_case<2>(p,
                         folder + "/serial-" + std::to_string(rank),
                         MPI_COMM_SELF);
  // Compare at the targets (the ramps may take different steps).
  const auto a = Testing::targets_of(parallel);
  const auto b = Testing::targets_of(serial);
  ASSERT_EQ(a.size(), b.size());
  for (unsigned int i = 0; i < a.size(); ++i)
    {
      const auto &ra = a[i]->report, &rb = b[i]->report;
      for (unsigned int e = 0; e < ra.electrodes.size(); ++e)
        EXPECT_NEAR(ra.electrodes[e].potential,
                    rb.electrodes[e].potential,
                    1e-7);
      for (unsigned int k = 0; k < ra.faradaic_efficiency.size(); ++k)
        EXPECT_NEAR(ra.faradaic_efficiency[k], rb.faradaic_efficiency[k], 1e-7);
      for (unsigned int s = 0; s < ra.outlet_concentration.size(); ++s)
        EXPECT_NEAR(ra.outlet_concentration[s],
                    rb.outlet_concentration[s],
                    1e-7 * (1. + std::abs(rb.outlet_concentration[s])));
    }
}
