// Gas-phase properties: Chapman-Enskog diffusivities against a hand
// calculation and measured values, viscosities (and Wilke's mixture rule),
// Knudsen and Bosanquet, the Bruggeman factor of a partly flooded pore space,
// and Henry solubilities with van 't Hoff and Weisenberger-Schumpe salting-out.
#include <physics/gas/gas_properties.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace NOxFlow;
using namespace NOxFlow::Physics;

namespace
{
  constexpr double t25 = 298.15, t60 = 333.15, atm = 101325.;

  GasSpecies
  gas(const std::string &name)
  {
    return gas_species(name, "Gas phase/Species");
  }

  /// The message of the InputError that @p f throws, "" if none.
  template <typename F>
  std::string
  message_of(const F &f)
  {
    try
      {
        f();
      }
    catch (const InputError &error)
      {
        return error.what();
      }
    return "";
  }
} // namespace

TEST(GasProperties, TableHoldsTheDataInSiUnits)
{
  const auto no = gas("NO");
  EXPECT_EQ(no.name, "NO");
  EXPECT_DOUBLE_EQ(no.molar_mass, 30.006e-3);
  EXPECT_DOUBLE_EQ(no.lj_sigma, 3.492e-10);
  EXPECT_DOUBLE_EQ(no.lj_epsilon_over_k, 116.7);
  EXPECT_DOUBLE_EQ(no.henry_298, 1.9e-5);
  for (const auto &name : {"NO", "N2O", "N2", "H2", "O2", "Ar", "He", "CO2"})
    EXPECT_EQ(gas(name).name, name);
  EXPECT_EQ(known_gas_species().size(), 8u);
}

TEST(GasProperties, UnknownGasNamesTheParameterAndTheKnownGases)
{
  const auto text = message_of([] { gas_species("Xe", "Gas phase/Species"); });
  EXPECT_NE(text.find("Gas phase/Species = Xe"), std::string::npos) << text;
  EXPECT_NE(text.find("NO, N2O, N2, H2, O2, Ar, He, CO2"), std::string::npos)
    << text;
  // Names are formulas, matched exactly.
  EXPECT_THROW(gas("no"), InputError);
}

TEST(GasProperties, BinaryDiffusivityOfNoInArgonMatchesHandCalculation)
{
  // Poling eq. 11-3.2 by hand: sigma_ab = (3.492 + 3.542)/2 = 3.517 A,
  // eps_ab = sqrt(116.7 * 93.3) = 104.35 K, T* = 2.857, Neufeld's
  // Omega_D = 0.9001 + 0.0495 + 0.0131 + 0.0000 (four terms) = 0.9627,
  // M_ab = 2/(1/30.006 + 1/39.948) = 34.27 g/mol, p = 1.01325 bar:
  // D = 0.00266 * 5148.2 / (1.01325 * 5.854 * 12.369 * 0.9627)
  //   = 13.694 / 70.631 = 0.19388 cm2/s.
  const double d = binary_diffusivity(gas("NO"), gas("Ar"), t25, atm);
  EXPECT_NEAR(d / 1.94e-5, 1., 0.03);
  EXPECT_NEAR(d / 1.9388e-5, 1., 1e-4);
  EXPECT_DOUBLE_EQ(binary_diffusivity(gas("Ar"), gas("NO"), t25, atm), d);
}

TEST(GasProperties, BinaryDiffusivityAgainstMeasuredValues)
{
  // H2-N2 at 298 K, 1 atm: measured 7.79e-5 m2/s (Marrero and Mason, J.
  // Phys. Chem. Ref. Data 1 (1972) 3; Poling Table 11-2: 0.784 cm2/s).
  // Chapman-Enskog gives 7.39e-5, 5 % low.
  const double h2_n2 = binary_diffusivity(gas("H2"), gas("N2"), t25, atm);
  EXPECT_NEAR(h2_n2 / 7.79e-5, 1., 0.08) << h2_n2;
  // O2-N2 near room temperature: measured 2.02e-5 m2/s (Marrero and
  // Mason 1972); Chapman-Enskog gives 2.04e-5.
  const double o2_n2 = binary_diffusivity(gas("O2"), gas("N2"), t25, atm);
  EXPECT_NEAR(o2_n2 / 2.02e-5, 1., 0.08) << o2_n2;
}

TEST(GasProperties, ViscosityAgainstMeasuredValues)
{
  // At 25 C (Lemmon and Jacobsen, Int. J. Thermophys. 25 (2004) 21; CRC
  // Handbook): Ar 22.6, N2 17.8, He 19.8, H2 8.9, NO 19.0 uPa s.
  const std::vector<std::pair<std::string, double>> measured = {{"Ar", 22.6e-6},
                                                                {"N2", 17.8e-6},
                                                                {"He", 19.8e-6},
                                                                {"H2", 8.9e-6},
                                                                {"NO",
                                                                 19.0e-6}};
  for (const auto &[name, mu] : measured)
    EXPECT_NEAR(gas_viscosity(gas(name), t25) / mu, 1., 0.04) << name;
  // A gas's viscosity grows with temperature (about T^0.7).
  EXPECT_NEAR(gas_viscosity(gas("Ar"), t60) / gas_viscosity(gas("Ar"), t25),
              std::pow(t60 / t25, 0.7),
              0.02);
}

TEST(GasProperties, WilkeMixtureViscosity)
{
  const auto no = gas("NO"), ar = gas("Ar"), h2 = gas("H2");
  // A pure component, and a mixture of one gas with itself.
  EXPECT_NEAR(mixture_viscosity({no, ar}, {1., 0.}, t25),
              gas_viscosity(no, t25),
              1e-15);
  EXPECT_NEAR(mixture_viscosity({ar, ar}, {0.3, 0.7}, t25),
              gas_viscosity(ar, t25),
              1e-15);
  // Similar molecules mix nearly linearly; H2 in Ar lowers the viscosity
  // far less than linearly (Wilke's phi_ij, light molecules count little).
  const double no_ar = mixture_viscosity({no, ar}, {0.1, 0.9}, t25);
  EXPECT_GT(no_ar, gas_viscosity(no, t25));
  EXPECT_LT(no_ar, gas_viscosity(ar, t25));
  const double h2_ar  = mixture_viscosity({h2, ar}, {0.5, 0.5}, t25);
  const double linear = 0.5 * (gas_viscosity(h2, t25) + gas_viscosity(ar, t25));
  EXPECT_GT(h2_ar, linear);
  EXPECT_LT(h2_ar, gas_viscosity(ar, t25));
}

TEST(GasProperties, BinaryDiffusivityScalesWithPressureAndTemperature)
{
  const auto   no = gas("NO"), ar = gas("Ar");
  const double d = binary_diffusivity(no, ar, t25, atm);
  // 1/p: exact, doubling is exact in binary.
  EXPECT_EQ(binary_diffusivity(no, ar, t25, 2. * atm), d / 2.);
  // T^1.5 / Omega_D: at 60 C T* = 3.1927, Omega_D = 0.93463 (by hand as
  // above), so D = 0.19388 (333.15/298.15)^1.5 0.96267/0.93463 cm2/s =
  // 2.3587e-5 m2/s; T^1.5 alone would give 2.290e-5.
  const double d60 = binary_diffusivity(no, ar, t60, atm);
  EXPECT_NEAR(d60 / 2.3587e-5, 1., 2e-4) << d60;
}

TEST(GasProperties, KnudsenAndBosanquet)
{
  // (1e-7/3) sqrt(8 * 8.314462618 * 298.15 / (pi * 0.030006)) = (1e-7/3)
  // 458.67 m/s = 1.5289e-5 m2/s for NO in 100 nm pores.
  const double dk = knudsen_diffusivity(gas("NO"), 1e-7, t25);
  EXPECT_NEAR(dk / 1.5289e-5, 1., 1e-4) << dk;
  // D_K is linear in d and goes as sqrt(T).
  EXPECT_NEAR(knudsen_diffusivity(gas("NO"), 2e-7, t25), 2. * dk, 1e-20);
  EXPECT_NEAR(knudsen_diffusivity(gas("NO"), 1e-7, 4. * t25), 2. * dk, 1e-18);

  EXPECT_DOUBLE_EQ(bosanquet(dk, dk), dk / 2.);
  EXPECT_NEAR(bosanquet(2e-5, 1e-5), 2e-5 / 3., 1e-20);
  // No Knudsen term: the molecular value bit for bit (1/(1/D) is not D
  // for 3e-5 in double precision).
  const double inf = std::numeric_limits<double>::infinity();
  for (const double d : {1.9388e-5, 3e-5, 7.39e-5})
    EXPECT_EQ(bosanquet(d, inf), d);
}

TEST(GasProperties, BruggemanFactorOfTheGasFilledPores)
{
  EXPECT_DOUBLE_EQ(bruggeman_gas_factor(0.8, 0.25),
                   std::pow(0.8 * (1. - 0.25), 1.5)); // 0.4648
  EXPECT_NEAR(bruggeman_gas_factor(0.8, 0.25), 0.46476, 1e-5);
  EXPECT_DOUBLE_EQ(bruggeman_gas_factor(0.8, 0.), std::pow(0.8, 1.5));
  EXPECT_EQ(bruggeman_gas_factor(0.8, 1.), 0.);
  // A flooded pore from an overshoot: no gas, not NaN.
  EXPECT_EQ(bruggeman_gas_factor(0.8, 1.01), 0.);
}

TEST(GasProperties, HenrySolubilityOfNoInWater)
{
  const auto no = gas("NO");
  EXPECT_DOUBLE_EQ(henry_solubility(no, t25, {}), 1.9e-5);
  // van 't Hoff, 1600 K: 1.9e-5 exp(1600 (1/333.15 - 1/298.15)) =
  // 1.081e-5 mol/(m3 Pa) at 60 C.
  const double h60 = henry_solubility(no, t60, {});
  EXPECT_NEAR(h60, 1.9e-5 * std::exp(1600. * (1. / t60 - 1. / t25)), 1e-18);
  EXPECT_NEAR(h60, 1.0812e-5, 1e-9);
}

TEST(GasProperties, HenrySolubilityOfNoInKohIsSaltedOut)
{
  // Weisenberger-Schumpe in 1 M KOH: 10^-((0.0922 + 0.0060) + (0.0839 +
  // 0.0060)) = 10^-0.1881 = 0.6485 of the value in water.
  const auto   no  = gas("NO");
  const double koh = henry_solubility(no, t25, {{"K+", 1000.}, {"OH-", 1000.}});
  EXPECT_NEAR(koh, 1.9e-5 * std::pow(10., -0.1881), 1e-12 * 1.9e-5);
  EXPECT_NEAR(koh / 1.9e-5, 0.6485, 1e-4);
  // Salting-out and van 't Hoff multiply.
  EXPECT_NEAR(henry_solubility(no, t60, {{"K+", 1000.}, {"OH-", 1000.}}),
              henry_solubility(no, t60, {}) * koh / 1.9e-5,
              1e-12 * 1.9e-5);
  // O2 (h_G = 0, the reference gas) sees the ions' parameters alone.
  EXPECT_NEAR(henry_solubility(gas("O2"), t25, {{"Na+", 500.}, {"Cl-", 500.}}),
              1.3e-5 * std::pow(10., -0.5 * (0.1143 + 0.0318)),
              1e-12 * 1.3e-5);
}

TEST(GasProperties, UntabulatedIonsInSaltingOut)
{
  const auto                      no = gas("NO");
  const std::vector<DissolvedIon> koh{{"K+", 1000.}, {"OH-", 1000.}};
  // A major ion without data stops the run with the list of known ones.
  auto with_major = koh;
  with_major.push_back({"TBA+", 100.});
  const auto text = message_of([&] { henry_solubility(no, t25, with_major); });
  EXPECT_NE(text.find("Species/TBA+ = 100"), std::string::npos) << text;
  EXPECT_NE(text.find("salting-out is tabulated for: H+, Li+"),
            std::string::npos)
    << text;
  // A trace ion without data is skipped.
  auto with_trace = koh;
  with_trace.push_back({"TBA+", 0.5});
  EXPECT_EQ(henry_solubility(no, t25, with_trace),
            henry_solubility(no, t25, koh));
}

TEST(GasProperties, SechenovIonNames)
{
  EXPECT_EQ(sechenov_ion("K+"), 0.0922);
  EXPECT_EQ(sechenov_ion("H+"), 0.);
  EXPECT_EQ(sechenov_ion("PO4---"), 0.2119);
  // Multiple charges written as a number name the same ion.
  EXPECT_EQ(sechenov_ion("CO32-"), sechenov_ion("CO3--"));
  EXPECT_EQ(sechenov_ion("Mg2+"), sechenov_ion("Mg++"));
  EXPECT_FALSE(sechenov_ion("TBA+").has_value());
  EXPECT_FALSE(sechenov_ion("k+").has_value());
}

TEST(GasProperties, AtomsFromTheFormula)
{
  EXPECT_EQ(atoms_in("N2O", "N"), 2u);
  EXPECT_EQ(atoms_in("NO", "N"), 1u);
  EXPECT_EQ(atoms_in("N2", "N"), 2u);
  EXPECT_EQ(atoms_in("H2", "N"), 0u);
  // A two-letter symbol is not its first letter.
  EXPECT_EQ(atoms_in("Ne", "N"), 0u);
  EXPECT_EQ(atoms_in("CO2", "O"), 2u);
  EXPECT_EQ(atoms_in("C12H22O11", "H"), 22u);
}
