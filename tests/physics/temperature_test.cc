// Temperature dependence of the physics data (Operation/Temperature):
// F/RT, water's viscosity and ion product against tabulated values, the
// conductivity of 1 M KOH (Walden's rule, and how far the dilute model is
// from the measured values), van 't Hoff equilibria and E0(T).
#include <physics/chemistry/homogeneous_reaction.h>
#include <physics/constants.h>
#include <physics/electrolyte.h>
#include <physics/kinetics/electrode_reaction.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace NOxFlow;
using namespace NOxFlow::Physics;

namespace
{
  constexpr double t25 = 298.15, t60 = 333.15;

  Electrolyte
  koh(const double molar)
  {
    return Electrolyte({{"K+", 1, 1.96e-9, molar * 1000., -1},
                        {"OH-", -1, 5.27e-9, molar * 1000., -1}},
                       "K+");
  }

  /// Gilliam et al., Int. J. Hydrogen Energy 32 (2007) 359: measured
  /// conductivity of KOH solutions (S/m) at molarity m and t (K).
  double
  gilliam_koh_conductivity(const double m, const double t)
  {
    return 100. *
           (-2.041 * m - 0.0028 * m * m + 0.005332 * m * t + 207.2 * m / t +
            0.001043 * m * m * m - 0.0000003 * m * m * t * t);
  }
} // namespace

TEST(Temperature, FaradayOverRtAgainstTabulatedValues)
{
  // F/RT = 38.92 1/V at 25 C, 34.83 1/V at 60 C (CODATA constants).
  EXPECT_NEAR(Constants::f_over_rt_at(t25), 38.9217, 1e-3);
  EXPECT_NEAR(Constants::f_over_rt_at(t60), 34.8327, 1e-3);
  EXPECT_EQ(Constants::f_over_rt_at(t25), Constants::f_over_rt);
}

TEST(Temperature, WaterViscosityAgainstTabulatedValues)
{
  // CRC Handbook: 0.890 mPa s at 25 C, 0.4665 mPa s at 60 C.
  EXPECT_NEAR(Constants::water_viscosity(t25), 0.890e-3, 0.01 * 0.890e-3);
  EXPECT_NEAR(Constants::water_viscosity(t60), 0.4665e-3, 0.01 * 0.4665e-3);
}

TEST(Temperature, IonProductOfWaterAgainstTabulatedValues)
{
  // pH of 1 M OH- is pKw: 14.00 at 25 C, 13.02 at 60 C (Bandura and Lvov,
  // J. Phys. Chem. Ref. Data 35 (2006) 15).
  auto e = koh(1.);
  EXPECT_NEAR(e.ph(e.inlet_concentrations()), 14., 1e-12);
  e.set_temperature(t60);
  EXPECT_NEAR(e.ph(e.inlet_concentrations()), 13.02, 0.06);
  EXPECT_NEAR(e.f_over_rt(), Constants::f_over_rt_at(t60), 1e-12);
}

TEST(Temperature, KohConductivityFollowsWaldensRule)
{
  // Stokes-Einstein diffusivities make the conductivity scale with the
  // fluidity 1/mu (Walden's rule).
  auto         e   = koh(1.);
  const double k25 = e.conductivity(e.inlet_concentrations());
  const double ratio =
    Constants::water_viscosity(t25) / Constants::water_viscosity(t60);
  e.set_temperature(t60);
  const double k60 = e.conductivity(e.inlet_concentrations());
  EXPECT_NEAR(k60 / k25, ratio, 1e-12);
  e.set_temperature(t60); // twice: no further change
  EXPECT_NEAR(e.conductivity(e.inlet_concentrations()), k60, 1e-12);
  // The dilute (Nernst-Einstein) model is above the measured conductivity
  // of 1 M KOH: 27.2 against 21.5 S/m at 25 C, 51.9 against 32.2 S/m at
  // 60 C (ion pairing and viscosity of the concentrated solution are not
  // in the model). Guard the numbers the user guide quotes.
  EXPECT_NEAR(gilliam_koh_conductivity(1., t25), 21.5, 0.1);
  EXPECT_NEAR(gilliam_koh_conductivity(1., t60), 32.2, 0.1);
  EXPECT_NEAR(k25, 27.15, 0.01);
  EXPECT_GT(k60, gilliam_koh_conductivity(1., t60));
  EXPECT_LT(k60, 1.7 * gilliam_koh_conductivity(1., t60));
}

TEST(Temperature, VanTHoffEquilibriumConstant)
{
  // K(T)/K(25 C) = exp(-Delta H/R (1/T - 1/298.15)); water: pKw 13.02 at
  // 60 C from 14 with Delta H = 55.84 kJ/mol.
  const double factor = Constants::van_t_hoff_factor(55.84e3, t60);
  EXPECT_NEAR(14. - std::log10(factor), 13.02, 0.06);
  EXPECT_DOUBLE_EQ(Constants::van_t_hoff_factor(55.84e3, t25), 1.);
  EXPECT_DOUBLE_EQ(Constants::van_t_hoff_factor(0., t60), 1.);
}

TEST(Temperature, EquilibriumPotentialFollowsItsCoefficient)
{
  ElectrodeReaction r;
  r.equilibrium_potential    = -0.828;
  r.temperature_coefficient  = -0.00085;
  r.exchange_current_density = 1.;
  r.activation_energy        = 40e3;
  r.set_temperature(t60);
  EXPECT_NEAR(r.equilibrium_potential, -0.828 - 0.00085 * 35., 1e-12);
  // Arrhenius: i0 grows 5.43-fold from 25 to 60 C at 40 kJ/mol.
  EXPECT_NEAR(r.exchange_current_density,
              std::exp(40e3 / Constants::gas_constant * (1. / t25 - 1. / t60)),
              1e-12);
  EXPECT_NEAR(r.f_over_rt, Constants::f_over_rt_at(t60), 1e-12);
  r.set_temperature(t25); // and back
  EXPECT_NEAR(r.equilibrium_potential, -0.828, 1e-12);
  EXPECT_NEAR(r.exchange_current_density, 1., 1e-12);
}

TEST(Temperature, HomogeneousReactionFollowsVanTHoff)
{
  HomogeneousReaction ammonium;
  ammonium.equilibrium_constant = std::pow(10., -9.25 + 3.);
  ammonium.enthalpy             = 52.21e3;
  ammonium.set_temperature(t60);
  // pKa of NH4+ at 60 C: 8.29 by van 't Hoff (measured 8.2-8.3, Bates and
  // Pinching, J. Res. NBS 42 (1949) 419).
  EXPECT_NEAR(-std::log10(ammonium.equilibrium_constant) + 3., 8.29, 0.01);
  ammonium.set_temperature(t25);
  EXPECT_NEAR(-std::log10(ammonium.equilibrium_constant) + 3., 9.25, 1e-12);
}
