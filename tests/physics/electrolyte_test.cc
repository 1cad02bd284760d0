#include <physics/constants.h>
#include <physics/electrolyte.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace NOxFlow;
using namespace NOxFlow::Physics;

namespace
{
  Electrolyte
  koh(const double molar)
  {
    return Electrolyte({{"K+", 1, 1.96e-9, molar * 1000., -1},
                        {"OH-", -1, 5.27e-9, molar * 1000., -1}},
                       "K+");
  }
} // namespace

TEST(Electrolyte, ConductivityOfOneMolarKohIsNernstEinstein)
{
  // physics-brief.md: 27.15 S/m for 1 M KOH in a dilute-solution model.
  const auto e = koh(1.);
  EXPECT_NEAR(e.conductivity(e.inlet_concentrations()), 27.15, 0.005);
  const double exact = Constants::faraday * Constants::faraday /
                       (Constants::gas_constant * Constants::temperature) *
                       (1.96e-9 + 5.27e-9) * 1000.;
  EXPECT_NEAR(e.conductivity(e.inlet_concentrations()), exact, 1e-12 * exact);
}

TEST(Electrolyte, PhOfKoh)
{
  EXPECT_NEAR(koh(1.).ph(koh(1.).inlet_concentrations()), 14., 1e-12);
  EXPECT_NEAR(koh(0.1).ph(koh(0.1).inlet_concentrations()), 13., 1e-12);
}

TEST(Electrolyte, EliminatedSpeciesBalancesCharge)
{
  const Electrolyte   e({{"K+", 1, 2e-9, 1100., -1},
                         {"OH-", -1, 5e-9, 1000., -1},
                         {"SO4--", -2, 1e-9, 50., -1}},
                      "K+");
  std::vector<double> c = {0., 900., 70.};
  e.apply_electroneutrality(c);
  EXPECT_DOUBLE_EQ(c[0], 1040.);
  EXPECT_DOUBLE_EQ(e.eliminated_derivative(2), 2.);
  ASSERT_EQ(e.transported_species().size(), 2u);
  EXPECT_EQ(e.transported_species()[0], 1u);
}

TEST(Electrolyte, BadInputNamesParameterAndFix)
{
  const auto message = [](const std::vector<Species> &s,
                          const std::string          &elim) {
    try
      {
        Electrolyte e(s, elim);
      }
    catch (const InputError &error)
      {
        return std::string(error.what());
      }
    return std::string();
  };
  // Negative diffusivity.
  auto text =
    message({{"K+", 1, -1e-9, 1., -1}, {"OH-", -1, 5e-9, 1., -1}}, "K+");
  EXPECT_NE(text.find("Species/K+/Diffusivity"), std::string::npos) << text;
  EXPECT_NE(text.find("positive"), std::string::npos) << text;
  // Only anions: no electroneutral composition.
  text =
    message({{"NO3-", -1, 1e-9, 1., -1}, {"OH-", -1, 5e-9, 1., -1}}, "NO3-");
  EXPECT_NE(text.find("cannot be electroneutral"), std::string::npos) << text;
  // Inlet not electroneutral: says the value to set.
  text =
    message({{"K+", 1, 2e-9, 900., -1}, {"OH-", -1, 5e-9, 1000., -1}}, "K+");
  EXPECT_NE(text.find("not electroneutral"), std::string::npos) << text;
  EXPECT_NE(text.find("1000"), std::string::npos) << text;
  // Neutral electroneutrality species, unknown species.
  text = message({{"NH3", 0, 2e-9, 1., -1}, {"OH-", -1, 5e-9, 0., -1}}, "NH3");
  EXPECT_NE(text.find("charged"), std::string::npos) << text;
  text = message({{"K+", 1, 2e-9, 1., -1}, {"OH-", -1, 5e-9, 1., -1}}, "Na+");
  EXPECT_NE(text.find("'Na+' is not a species"), std::string::npos) << text;
}

TEST(Electrolyte, BoundaryConcentrationsOverrideTheInletAndMustBeNeutral)
{
  std::vector<Species> s = {{"K+", 1, 1.96e-9, 1500., -1},
                            {"OH-", -1, 5.27e-9, 1000., -1},
                            {"NO3-", -1, 1.9e-9, 500., -1}};
  // An anolyte without nitrate: K+ and NO3- given at the anode's back.
  s[0].boundary_concentrations = {{"anode_collector", 1000.}};
  s[2].boundary_concentrations = {{"anode_collector", 0.}};
  const Electrolyte e(s, "K+");
  ASSERT_EQ(e.boundaries_with_own_concentrations(),
            std::vector<std::string>{"anode_collector"});
  EXPECT_EQ(e.boundary_concentrations("anode_collector"),
            (std::vector<double>{1000., 1000., 0.}));
  EXPECT_EQ(e.boundary_concentrations("inlet"), e.inlet_concentrations());

  const auto message = [&](const std::vector<Species> &species) {
    try
      {
        Electrolyte bad(species, "K+");
      }
    catch (const InputError &error)
      {
        return std::string(error.what());
      }
    return std::string();
  };
  // Nitrate dropped but K+ kept: names the entry and the value to set.
  auto forgot_k                       = s;
  forgot_k[0].boundary_concentrations = {};
  auto text                           = message(forgot_k);
  EXPECT_NE(text.find("Species/K+/Boundary concentrations"), std::string::npos)
    << text;
  EXPECT_NE(text.find("set it to anode_collector: 1000"), std::string::npos)
    << text;
  // A negative value names its species.
  auto negative                       = s;
  negative[1].boundary_concentrations = {{"anode_collector", -5.}};
  negative[0].boundary_concentrations = {{"anode_collector", 995.}};
  text                                = message(negative);
  EXPECT_NE(text.find("Species/OH-/Boundary concentrations"), std::string::npos)
    << text;
}
