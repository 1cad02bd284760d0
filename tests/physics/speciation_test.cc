// Equilibrium chemistry by component totals: mass action holds to round-off
// from any composition (a closed box keeps its totals and relaxes to
// equilibrium), a textbook weak-base pH, the derivatives the Newton matrix
// uses, and clear errors for unbalanced or unknown reactions.
#include <physics/chemistry/speciation.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace NOxFlow;
using namespace NOxFlow::Physics;

namespace
{
  // K+, OH-, H+, NH3, NH4+, NO3- (K+ from electroneutrality).
  Electrolyte
  alkaline_ammonia()
  {
    return Electrolyte({{"K+", 1, 1.96e-9, 0., -1},
                        {"OH-", -1, 5.27e-9, 0., -1},
                        {"H+", 1, 9.31e-9, 0., -1},
                        {"NH3", 0, 2.28e-9, 0., -1},
                        {"NH4+", 1, 1.98e-9, 0., -1},
                        {"NO3-", -1, 1.90e-9, 0., -1}},
                       "K+");
  }

  HomogeneousReaction
  equilibrium(const std::string &name,
              const std::string &equation,
              const double       pk,
              const Electrolyte &e)
  {
    HomogeneousReaction r;
    r.name          = name;
    r.equation      = equation;
    r.stoichiometry = parse_reaction_equation(equation, e, name);
    double net      = 0.;
    for (const double nu : r.stoichiometry)
      net += nu;
    r.equilibrium_constant = std::pow(10., -pk + 3. * net);
    return r;
  }

  std::vector<HomogeneousReaction>
  water_and_ammonium(const Electrolyte &e)
  {
    return {equilibrium("water", "H2O <-> H+ + OH-", 14., e),
            equilibrium("ammonium", "NH4+ <-> NH3 + H+", 9.25, e)};
  }

  constexpr double c_ref = 1000.;
  enum
  {
    K,
    OH,
    H,
    NH3,
    NH4,
    NO3
  };
} // namespace

TEST(Speciation, AnyCompositionRelaxesToKwAndPkaWithItsTotals)
{
  const auto       e = alkaline_ammonia();
  const Speciation speciation(e, water_and_ammonium(e), c_ref);
  ASSERT_EQ(speciation.n_transported(), 3u); // OH- total, NH3 total, NO3-
  std::mt19937                           random(7);
  std::uniform_real_distribution<double> uniform(0., 1.);
  double                                 ph_min = 14., ph_max = 0.;
  for (int trial = 0; trial < 400; ++trial)
    {
      // A closed box filled with an arbitrary, non-equilibrium mixture:
      // strong acid or base up to 4 M, ammonia/ammonium, nitrate.
      std::vector<double> c(6, 0.);
      const double        acid_base = -1. + 2. * uniform(random);
      // mol/m3: pH 2 (10 mM H+) to pH 14.6 (4 M OH-) before mixing.
      if (acid_base > 0.)
        c[OH] = std::pow(10., -4. + 7.6 * acid_base);
      else
        c[H] = std::pow(10., -4. - 6. * acid_base);
      c[NH3]        = 50. * uniform(random);
      c[NH4]        = 50. * uniform(random);
      c[NO3]        = 100. * uniform(random);
      double charge = 0.;
      for (unsigned int s = 1; s < 6; ++s)
        charge += e[s].charge * c[s];
      c[K] = std::max(0., -charge);
      if (charge > 0.) // acidic: the counter-ion is nitrate instead
        c[NO3] += charge;
      for (double &v : c)
        v /= c_ref;

      const auto           totals = speciation.totals(c);
      Speciation::Point<2> p;
      speciation.evaluate(totals.data(), 0., p);
      const double c_h = p.c[H] * c_ref, c_oh = p.c[OH] * c_ref;
      EXPECT_NEAR(c_h * c_oh / 1e-8, 1., 1e-6) << "trial " << trial;
      EXPECT_NEAR(p.c[NH3] * c_h / p.c[NH4] / std::pow(10., -9.25 + 3.),
                  1.,
                  1e-6);
      EXPECT_LT(speciation.equilibrium_defect(p.c), 1e-9);
      // The totals (elements, charge) are those of the initial mixture.
      const auto after = speciation.totals(p.c);
      for (unsigned int k = 0; k < totals.size(); ++k)
        EXPECT_NEAR(after[k], totals[k], 1e-10 * (1. + std::abs(totals[k])));
      EXPECT_NEAR(p.c[K], c[K], 1e-12);
      for (unsigned int s = 1; s < 6; ++s)
        EXPECT_GT(p.c[s], 0.);
      const double ph = 14. + std::log10(c_oh / 1000.);
      ph_min          = std::min(ph_min, ph);
      ph_max          = std::max(ph_max, ph);
    }
  EXPECT_LT(ph_min, 2.);
  EXPECT_GT(ph_max, 14.4);
}

TEST(Speciation, TenthMolarAmmoniaHasTheTextbookPh)
{
  // 0.1 M NH3 in pure water: c_OH = c_H + c_NH4 with Kb = Kw/Ka; solved
  // here by bisection on c_OH independently of the speciation.
  const auto          e = alkaline_ammonia();
  const Speciation    speciation(e, water_and_ammonium(e), c_ref);
  std::vector<double> c(6, 0.);
  c[NH3]                      = 100. / c_ref;
  const auto           totals = speciation.totals(c);
  Speciation::Point<2> p;
  speciation.evaluate(totals.data(), 0., p);
  const double kw = 1e-8, ka = std::pow(10., -9.25 + 3.), total = 100.;
  double       lo = 1e-6, hi = 100.;
  for (int i = 0; i < 200; ++i)
    {
      const double oh               = std::sqrt(lo * hi);
      const double h                = kw / oh;
      const double nh4              = total * h / (h + ka);
      (oh - h - nh4 > 0. ? hi : lo) = oh;
    }
  EXPECT_NEAR(p.c[OH] * c_ref / lo, 1., 1e-8);
  EXPECT_NEAR(14. + std::log10(p.c[OH]), 11.12, 0.01); // c_ref = 1 M
  EXPECT_NEAR(p.c[K], 0., 1e-14);
}

TEST(Speciation, DerivativesMatchFiniteDifferences)
{
  const auto       e = alkaline_ammonia();
  const Speciation speciation(e, water_and_ammonium(e), c_ref);
  // Near neutrality, where the concentrations change fastest, and alkaline.
  for (const double oh_total : {-2e-6, 3e-5, 1.2})
    {
      const std::vector<double>  u    = {oh_total, 0.2, 0.1};
      const dealii::Tensor<1, 2> g[3] = {dealii::Tensor<1, 2>({1e-5, -2e-5}),
                                         dealii::Tensor<1, 2>({0.3, 0.1}),
                                         dealii::Tensor<1, 2>({-0.2, 0.4})};
      Speciation::Point<2>       p;
      speciation.evaluate(u.data(), g, -0.05, p);
      const auto base = p;
      for (unsigned int k = 0; k < 3; ++k)
        {
          // The OH- total near neutrality varies on the scale sqrt(Kw).
          const double h =
            (k == 0 && std::abs(u[k]) < 1e-3) ? 1e-11 : 1e-6 * std::abs(u[k]);
          auto up   = u;
          auto down = u;
          up[k] += h;
          down[k] -= h;
          Speciation::Point<2> pu, pd;
          speciation.evaluate(up.data(), g, -0.05, pu);
          speciation.evaluate(down.data(), g, -0.05, pd);
          for (unsigned int s = 0; s < 6; ++s)
            {
              const double fd = (pu.c[s] - pd.c[s]) / (2. * h);
              EXPECT_NEAR(base.d_c[s][k],
                          fd,
                          1e-4 * (std::abs(fd) + std::abs(base.d_c[s][k])) +
                            1e-9)
                << "dc/du, species " << s << " unknown " << k;
            }
        }
      // grad c = (dc/du) grad u.
      for (unsigned int s = 0; s < 6; ++s)
        {
          dealii::Tensor<1, 2> expected;
          for (unsigned int k = 0; k < 3; ++k)
            expected += base.d_c[s][k] * g[k];
          EXPECT_LT((base.grad_c[s] - expected).norm(),
                    1e-9 * (expected.norm() + 1e-12));
        }
    }
}

TEST(Speciation, WithoutEquilibriaItIsElectroneutralityWithFixedCharge)
{
  const auto                e = alkaline_ammonia();
  const Speciation          speciation(e, {}, c_ref);
  const std::vector<double> u = {1.0, 1e-3, 0.2, 0.01, 0.1};
  Speciation::Point<3>      p;
  // A cation-exchange ionomer: 1.2 M of fixed negative charge.
  speciation.evaluate(u.data(), -1.2, p);
  // K+ = OH- - H+ - NH4+ + NO3- + 1.2 (all scaled).
  EXPECT_NEAR(p.c[K], 1.0 - 1e-3 - 0.01 + 0.1 + 1.2, 1e-14);
  EXPECT_EQ(speciation.component_name(0), "OH-");
}

TEST(Speciation, BadReactionsAreNamed)
{
  const auto e       = alkaline_ammonia();
  const auto message = [&](const std::string &equation) {
    try
      {
        parse_reaction_equation(equation,
                                e,
                                "Homogeneous reactions/x/Equation");
      }
    catch (const InputError &error)
      {
        return std::string(error.what());
      }
    return std::string();
  };
  EXPECT_NE(message("NH4+ <-> NH3").find("does not conserve charge"),
            std::string::npos);
  EXPECT_NE(message("NH4+ <-> NH2- + 2 H+").find("NH2-"), std::string::npos);
  EXPECT_NE(message("NH4+ NH3 + H+").find("'<->'"), std::string::npos);
  EXPECT_TRUE(message("NH4+ + OH- <-> NH3 + H2O").empty());
  // The electroneutrality species must stay inert.
  const Electrolyte with_k_reacting({{"K+", 1, 1.96e-9, 0., -1},
                                     {"OH-", -1, 5.27e-9, 0., -1},
                                     {"KOH", 0, 1e-9, 0., -1}},
                                    "K+");
  EXPECT_THROW(
    Speciation(with_k_reacting,
               {equilibrium("pair", "K+ + OH- <-> KOH", -0.5, with_k_reacting)},
               c_ref),
    InputError);
}

TEST(Speciation, TraceAmmoniaAtNeutralityIsSmoothAndConsistent)
{
  // The bulk of a neutral electrolyte before any NH3 is made: totals at
  // and below zero (undershoots) keep H+ and OH- positive, and the
  // derivatives stay those of the map.
  const auto       e = alkaline_ammonia();
  const Speciation speciation(e, water_and_ammonium(e), c_ref);
  ASSERT_EQ(speciation.component_name(1), "NH3_total");
  for (const double proton_total : {0., 1e-9, -1e-9})
    for (const double nh3_total : {1e-8, 2e-10, 1e-10, 5e-11, 0., -1e-6})
      {
        const std::vector<double> u = {proton_total, nh3_total, 0.1};
        Speciation::Point<2>      p;
        speciation.evaluate(u.data(), 0., p);
        EXPECT_GT(p.c[H], 0.);
        EXPECT_GT(p.c[OH], 0.);
        EXPECT_NEAR(p.c[NH3] + p.c[NH4],
                    nh3_total,
                    1e-12 * (1e-10 + std::abs(nh3_total)));
        // The others see the smooth maximum of the total and the floor:
        // T + f^2 / T for T >> f = 1e-10.
        if (nh3_total >= 1e-8)
          {
            const auto t = speciation.totals(p.c);
            EXPECT_NEAR(t[0], proton_total, 1e-11);
          }
        for (unsigned int k = 0; k < 2; ++k)
          {
            const double h  = 1e-13;
            auto         up = u, down = u;
            up[k] += h;
            down[k] -= h;
            Speciation::Point<2> pu, pd;
            speciation.evaluate(up.data(), 0., pu);
            speciation.evaluate(down.data(), 0., pd);
            for (unsigned int s = 1; s < 6; ++s)
              {
                const double fd = (pu.c[s] - pd.c[s]) / (2. * h);
                EXPECT_NEAR(p.d_c[s][k], fd, 1e-4 * std::abs(fd) + 1e-5)
                  << "species " << s << " unknown " << k << " at "
                  << proton_total << ", " << nh3_total;
              }
          }
      }
}
