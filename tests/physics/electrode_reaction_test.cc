#include <physics/constants.h>
#include <physics/electrolyte.h>
#include <physics/input_error.h>
#include <physics/kinetics/electrode_reaction.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace NOxFlow;
using namespace NOxFlow::Physics;

namespace
{
  /// K+, OH-, NO3-, NO2-: nitrate to nitrite, NO3- + H2O + 2e- -> NO2- + 2OH-.
  struct NitrateToNitrite : public ::testing::Test
  {
    NitrateToNitrite()
      : electrolyte({{"K+", 1, 1.96e-9, 1100., -1},
                     {"OH-", -1, 5.27e-9, 1000., -1},
                     {"NO3-", -1, 1.9e-9, 100., -1},
                     {"NO2-", -1, 1.91e-9, 0., -1}},
                    "K+")
    {
      reaction.name                     = "nitrate_to_nitrite";
      reaction.electrode                = "cathode";
      reaction.n_electrons              = 2;
      reaction.equilibrium_potential    = 0.017;
      reaction.exchange_current_density = 0.5;
      reaction.alpha_anodic             = 0.4;
      reaction.alpha_cathodic           = 0.6;
      reaction.reference_concentration  = 1000.;
      reaction.stoichiometry            = {{2, -1.}, {3, 1.}, {1, 2.}};
      reaction.oxidant_orders           = {{2, 1.}};
      reaction.reductant_orders         = {{3, 1.}, {1, 0.5}};
    }
    Electrolyte       electrolyte;
    ElectrodeReaction reaction;
  };
} // namespace

TEST_F(NitrateToNitrite, ConservesCharge)
{
  EXPECT_NO_THROW(reaction.check(electrolyte));
  reaction.n_electrons = 3;
  EXPECT_THROW(reaction.check(electrolyte), InputError);
}

TEST_F(NitrateToNitrite, JacobianMatchesFiniteDifferences)
{
  const std::vector<double> c = {1100., 950., 40., 7.};
  for (const double f_eta : {-12., -1., 0.3, 5.})
    {
      ReactionRate rate, plus, minus;
      reaction.evaluate(c, f_eta, rate);
      for (unsigned int j = 0; j < c.size(); ++j)
        {
          const double h  = 1e-6 * c[j];
          auto         cp = c, cm = c;
          cp[j] += h;
          cm[j] -= h;
          reaction.evaluate(cp, f_eta, plus);
          reaction.evaluate(cm, f_eta, minus);
          const double fd =
            (plus.current_density - minus.current_density) / (2 * h);
          // Round-off of the difference scales with |i| / h.
          const double tolerance =
            1e-6 * (std::abs(fd) + std::abs(rate.current_density) / c[j]);
          EXPECT_NEAR(rate.d_concentration[j], fd, tolerance)
            << "species " << j << " at f_eta " << f_eta;
        }
      reaction.evaluate(c, f_eta + 1e-6, plus);
      reaction.evaluate(c, f_eta - 1e-6, minus);
      const double fd = (plus.current_density - minus.current_density) / 2e-6;
      EXPECT_NEAR(rate.d_scaled_overpotential, fd, 1e-6 * std::abs(fd));
    }
}

TEST_F(NitrateToNitrite, TafelIsTheLargeOverpotentialLimit)
{
  const std::vector<double> c = {1100., 1000., 100., 1.};
  ReactionRate              bv, tafel;
  reaction.evaluate(c, -20., bv);
  reaction.law = KineticsLaw::cathodic_tafel;
  reaction.evaluate(c, -20., tafel);
  EXPECT_LT(bv.current_density, 0.);
  EXPECT_NEAR(bv.current_density / tafel.current_density, 1., 1e-8);
  // Cathodic Tafel: i = -i0 (c_ox/c_ref) exp(-alpha_c f eta).
  EXPECT_NEAR(tafel.current_density, -0.5 * 0.1 * std::exp(0.6 * 20.), 1e-9);
}

TEST_F(NitrateToNitrite, NoCurrentAtTheNernstPotential)
{
  // Zero current where exp((aa + ac) f eta) = c_ox / prod(c_red^g): the
  // Nernst equation of this rate law.
  const std::vector<double> c = {1100., 900., 80., 3.};
  const double ratio = (80. / 1000.) / ((3. / 1000.) * std::sqrt(900. / 1000.));
  const double f_eta = std::log(ratio) / (0.4 + 0.6);
  ReactionRate rate;
  reaction.evaluate(c, f_eta, rate);
  EXPECT_NEAR(rate.current_density, 0., 1e-12);
}

TEST_F(NitrateToNitrite, ProductionFollowsFaradaysLaw)
{
  // A cathodic current of -2F A/m2 consumes 1 mol/(m2 s) of NO3- per
  // electron pair and makes 2 of OH-.
  const double i = -2. * Constants::faraday;
  EXPECT_NEAR(reaction.production_per_current(2) * i, -1., 1e-12);
  EXPECT_NEAR(reaction.production_per_current(3) * i, 1., 1e-12);
  EXPECT_NEAR(reaction.production_per_current(1) * i, 2., 1e-12);
  EXPECT_EQ(reaction.production_per_current(0), 0.);
}

TEST_F(NitrateToNitrite, PotentialForCurrentInvertsTheRateLaw)
{
  const std::vector<double> c      = {1100., 1000., 100., 2.};
  const double              target = -350.;
  const double f_phi_s = potential_for_current({&reaction}, c, -3., target);
  ReactionRate rate;
  reaction.evaluate(c, f_phi_s + 3. - Constants::f_over_rt * 0.017, rate);
  EXPECT_NEAR(rate.current_density, target, 1e-6 * std::abs(target));

  // Without nitrite there is no anodic branch: no positive current.
  const std::vector<double> no_nitrite = {1100., 1000., 100., 0.};
  EXPECT_THROW(potential_for_current({&reaction}, no_nitrite, 0., 10.),
               InputError);
}
