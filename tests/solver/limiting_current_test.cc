// Migration at the limiting current (physics-brief.md section 4): a binary
// z:z electrolyte whose cation reacts carries (1 + z+/|z-|) = 2 times the
// pure-diffusion limiting current, i.e. 1/(1 - t+) = 1.676 times the
// salt-diffusion value for CuSO4; an excess of supporting electrolyte
// brings the factor to 1.
#include <physics/constants.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <sstream>

#include "case_runner.h"

using namespace NOxFlow;

namespace
{
  constexpr double d_cu = 7.2e-10, d_so4 = 10.65e-10, c_cu = 10., delta = 1e-4;

  /// A Nernst diffusion layer of thickness delta: cathode at y = 0, bulk
  /// (held concentrations, phi_l = 0) at y = delta; no flow.
  std::string
  layer_case(const double       c_support,
             const unsigned int cells_across   = 64,
             const std::string &discretization = "")
  {
    std::ostringstream prm;
    prm << R"(
subsection Geometry
  subsection Channel
    set Inlet length     = 0
    set Outlet length    = 0
    set Cells inlet      = 0
    set Cells outlet     = 0
    set Electrode length = 1e-4
    set Height           = 1e-4
    set Cells electrode  = 2
    set Cells height     = )"
        << cells_across << R"(
    set Wall grading     = 4
  end
end
subsection Flow
  set Velocity profile = none
end
subsection Species
  set Names = Cu++, K+, SO4--
  set Electroneutrality species = SO4--
  subsection Cu++
    set Charge = 2
    set Diffusivity = )"
        << d_cu << R"(
    set Inlet concentration = )"
        << c_cu << R"(
  end
  subsection K+
    set Charge = 1
    set Diffusivity = 1.96e-9
    set Inlet concentration = )"
        << c_support << R"(
  end
  subsection SO4--
    set Charge = -2
    set Diffusivity = )"
        << d_so4 << R"(
    set Inlet concentration = )"
        << c_cu + c_support / 2. << R"(
  end
end
subsection Electrodes
  set Names = cathode
  subsection cathode
    set Potential = 0
  end
end
subsection Electrode reactions
  set Names = deposition
  subsection deposition
    set Electrode = cathode
    set Electrons = 2
    set Stoichiometry = Cu++: -1
    set Exchange current density = 10
    set Kinetics = cathodic tafel
    set Reference concentration = 10
    set Oxidant orders = Cu++: 1
  end
end
subsection Boundary conditions
  set Concentration boundaries = anode
  set Potential reference boundaries = anode
end
subsection Operation
  set Mode = potentiostatic
  set Working electrode = cathode
  set Targets = -1.0
end
subsection Linear solver
  set Type = direct
end
)" << discretization;
    return prm.str();
  }

  /// Limiting current density (A/m2, positive) of the layer.
  double
  limiting_current(const double       c_support,
                   const std::string &name,
                   const unsigned int cells_across   = 64,
                   const std::string &discretization = "")
  {
    const auto folder = Testing::scratch_folder(name);
    const auto steps  = Testing::run_case<2>(
      Testing::read_case(folder,
                         layer_case(c_support, cells_across, discretization)),
      folder + "/out");
    const auto &cathode = steps.back().report.electrodes[0];
    // The surface must be depleted for this to be the limiting current.
    EXPECT_LT(cathode.mean_concentration[0], 1e-4 * c_cu);
    const double i_lim = -cathode.current / cathode.area;
    std::cout << "  " << name << ": i_lim = " << i_lim << " A/m2" << std::endl;
    return i_lim;
  }

  const double pure_diffusion =
    2. * Physics::Constants::faraday * d_cu * c_cu / delta;
} // namespace

TEST(LimitingCurrent, BinaryElectrolyteDoublesThePureDiffusionValue)
{
  // Without supporting electrolyte the field grows as 1/c toward the
  // depleted cathode, and the edge fluxes (exact for a constant field on
  // each edge) converge at first order there: +3.7, +1.6, +0.76, +0.36,
  // +0.17 % with 16, 32, 64, 128, 256 cells (Galerkin: exact, the salt
  // profile is linear). Hence the fine layer.
  const double i_lim = limiting_current(0., "binary", 256);
  EXPECT_NEAR(i_lim / pure_diffusion, 2., 0.01);
  const double d_salt = 2. * d_cu * d_so4 / (d_cu + d_so4);
  const double t_plus = d_cu / (d_cu + d_so4);
  const double i_salt =
    2. * Physics::Constants::faraday * d_salt * c_cu / delta;
  EXPECT_NEAR(1. / (1. - t_plus), 1.676, 5e-4);
  EXPECT_NEAR(i_lim / i_salt, 1. / (1. - t_plus), 0.01);
}

TEST(LimitingCurrent, SupportingElectrolyteRemovesMigration)
{
  const double i_lim = limiting_current(2000., "supported");
  EXPECT_GT(i_lim / pure_diffusion, 1.);
  EXPECT_LT(i_lim / pure_diffusion, 1.02);
}

// Logarithmic unknowns (positive nodal species for any unknowns) with the
// linear interpolation leave the Galerkin scheme as it is: on a coarse layer
// (8 graded cells across) the limiting current is the linear one's. (The
// logarithmic interpolation, exp of the interpolated ln c, puts almost no
// concentration into the cell at a depleted wall and gives 17 % less here,
// 1.7 % less with 64 cells: issue #14's note.)
TEST(LimitingCurrent, LogarithmicUnknownsKeepTheLimitingCurrentOfACoarseLayer)
{
  const double linear = limiting_current(2000., "coarse_linear", 8);
  const double logarithmic_unknowns =
    limiting_current(2000., "coarse_log_unknowns", 8, R"(
subsection Discretization
  set Species unknowns = logarithmic
end
)");
  EXPECT_NEAR(logarithmic_unknowns, linear, 1e-6 * linear);
  EXPECT_GT(linear / pure_diffusion, 1.);
  EXPECT_LT(linear / pure_diffusion, 1.02);
}

// Galvanostatic control of a single electrode whose current returns through
// a potential-reference boundary (the bulk): at half the limiting current
// the binary electrolyte's surface concentration is half the bulk's (linear
// profile, c_s / c_b = 1 - i / i_lim), the electrode carries the target and
// the charge balance, counting the bulk boundary, closes.
TEST(LimitingCurrent, GalvanostaticAgainstTheBulkAtHalfTheLimitingCurrent)
{
  const double i_half  = pure_diffusion; // half of 2x pure diffusion, A/m2
  std::string  text    = layer_case(0.);
  const auto   replace = [&](const std::string &from, const std::string &to) {
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("set Mode = potentiostatic", "set Mode = galvanostatic");
  std::ostringstream target;
  target << "set Targets = " << std::setprecision(17) << i_half / 10.;
  replace("set Targets = -1.0", target.str());
  const auto folder = Testing::scratch_folder("galvanostatic_half");
  const auto steps =
    Testing::run_case<2>(Testing::read_case(folder, text), folder + "/out");
  const auto &report  = steps.back().report;
  const auto &cathode = report.electrodes[0];
  EXPECT_NEAR(-cathode.current / cathode.area, i_half, 1e-8 * i_half);
  EXPECT_NEAR(cathode.mean_concentration[0], 0.5 * c_cu, 0.01 * c_cu);
  EXPECT_LT(std::abs(report.charge_balance), 1e-10);
}
