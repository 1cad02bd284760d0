// Product outputs and the cell-voltage breakdown. On the coarse channel
// with the nitrate presets: the Faraday-law relations (NH3 rate =
// j FE / (8F), product FEs + FE(HER) = 1), the nitrogen balance (also from
// a pH 2 inlet with a reaction making NH4+, which the NH3 product counts), the
// nitrate conversion against the outlet concentration, the voltage parts
// summing to U_cell, and summary.tsv carrying the same numbers. On a KOH
// slab between plane electrodes: the ohmic part equals j h / sigma
// (Nernst-Einstein) and the concentration part is the diffusion potential
// of the binary electrolyte; filled by a porous cathode, the solid and
// electrolyte parts of uniform reaction. Bad Products input.
#include <deal.II/grid/tria.h>

#include <physics/constants.h>
#include <physics/input_error.h>
#include <solver/case/model_from_case.h>
#include <solver/output/product_outputs.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "case_runner.h"

using namespace NOxFlow;

namespace
{
  constexpr double faraday = Physics::Constants::faraday;
  /// mmol/(cm2 h) per mol/(m2 s), and A/m2 per mA/cm2.
  constexpr double mmol_cm2_h = 360.;
  static_assert(mmol_cm2_h == NOxFlow::mmol_per_cm2_h);
  constexpr double a_per_m2 = 10.;

  double
  relative(const double a, const double b)
  {
    return std::abs(a - b) / std::max(std::abs(b), 1e-300);
  }

  unsigned int
  reaction_index(const CaseParameters &p, const std::string &name)
  {
    for (unsigned int k = 0; k < p.reactions.size(); ++k)
      if (p.reactions[k].name == name)
        return k;
    ADD_FAILURE() << "no reaction " << name;
    return 0;
  }

  const ProductReport &
  product(const CellReport &r, const std::string &name)
  {
    for (const auto &p : r.products)
      if (p.name == name)
        return p;
    ADD_FAILURE() << "no product " << name;
    return r.products.front();
  }

  /// Rows of summary.tsv by control value (the last row of each).
  std::map<double, std::map<std::string, double>>
  read_summary(const std::string &file)
  {
    std::ifstream                                   in(file);
    std::string                                     line;
    std::vector<std::string>                        header;
    std::map<double, std::map<std::string, double>> rows;
    for (bool first = true; std::getline(in, line); first = false)
      {
        std::istringstream       fields(line);
        std::vector<std::string> values;
        for (std::string v; std::getline(fields, v, '\t');)
          values.push_back(v);
        if (first)
          header = values;
        else
          {
            std::map<std::string, double> row;
            for (unsigned int i = 0; i < values.size(); ++i)
              row[header[i]] = std::stod(values[i]);
            rows[row["control"]] = row;
          }
      }
    return rows;
  }

  /// A preset run on the coarse channel (20 and 100 mA/cm2).
  struct PresetRun
  {
    std::string             folder;
    CaseParameters          p;
    std::vector<StepRecord> steps;
  };

  PresetRun
  run_preset(const std::string &preset, const std::string &scratch)
  {
    PresetRun run;
    run.folder = Testing::scratch_folder(scratch);
    run.p =
      Testing::read_case(run.folder, Testing::coarse_channel_case(preset, ""));
    run.steps = Testing::run_case<2>(run.p, run.folder + "/run");
    return run;
  }

  /// The Faraday-law, balance and voltage relations at every target of a
  /// nitrate preset run, and summary.tsv against the reports.
  void
  check_nitrate_outputs(const CaseParameters          &p,
                        const std::vector<StepRecord> &steps,
                        const std::string             &output)
  {
    const auto targets = Testing::targets_of(steps);
    ASSERT_EQ(targets.size(), 2u);
    const unsigned int no3     = p.electrolyte.index("NO3-", "");
    const unsigned int her     = reaction_index(p, "her");
    const auto         summary = read_summary(output + "/summary.tsv");
    for (const auto *step : targets)
      {
        const auto &r       = step->report;
        const auto &cathode = r.electrodes[0];
        ASSERT_EQ(r.products.size(), 2u);
        const auto &nh3 = product(r, "NH3"), &no2 = product(r, "NO2-");
        EXPECT_EQ(nh3.electrode, 0);
        EXPECT_EQ(no2.electrode, 0);

        // NH3 rate = j FE / (8 F), in mmol/(cm2 h) from j in A/m2.
        const double j = std::abs(cathode.current) / cathode.area;
        EXPECT_LT(relative(nh3.rate * mmol_cm2_h,
                           j * nh3.faradaic_efficiency / (8. * faraday) *
                             mmol_cm2_h),
                  1e-10);
        // The galvanostatic current is the target (to the Newton tolerance).
        EXPECT_LT(relative(j, step->control_value * a_per_m2), 1e-6);
        EXPECT_GT(nh3.faradaic_efficiency, 0.5);
        EXPECT_GT(no2.faradaic_efficiency, 0.);

        // Every electron at the cathode made NH3, NO2- or H2.
        EXPECT_NEAR(nh3.faradaic_efficiency + no2.faradaic_efficiency +
                      r.faradaic_efficiency[her],
                    1.,
                    1e-10);

        // Nitrogen: in at the inlet = out with the flow; no N2 path here.
        EXPECT_LT(std::abs(r.nitrogen_balance), 1e-8);
        EXPECT_LT(std::abs(r.nitrogen_gas), 1e-12 * r.nitrogen_in);
        EXPECT_GT(r.nitrogen_in, 0.);

        // Conversion of nitrate: the inflow is the consistent boundary flux,
        // the outlet concentration the flux average; the inlet is far enough
        // upstream that diffusion across it is negligible.
        EXPECT_GT(r.conversion, 0.);
        EXPECT_LT(r.conversion, 1.);
        const double c_in = p.electrolyte[no3].inlet_concentration;
        EXPECT_LT(relative(r.conversion,
                           1. - r.outlet_concentration[no3] / c_in),
                  1e-6);

        // The voltage parts sum to U_cell; ohmic and kinetic parts > 0.
        const auto  &v   = r.voltage;
        const double sum = v.equilibrium + v.kinetic_cathode + v.kinetic_anode +
                           v.ohmic.at(0) + v.concentration;
        EXPECT_NEAR(sum, v.cell, 1e-10);
        EXPECT_NEAR(v.cell, r.electrodes[1].potential - cathode.potential, 0.);
        EXPECT_EQ(v.ohmic.size(), 1u);
        EXPECT_GT(v.ohmic[0], 0.);
        EXPECT_GT(v.kinetic_cathode, 0.);
        EXPECT_GT(v.kinetic_anode, 0.);
        // U_eq = E0(OER) - (a mean of the cathode reactions' E0).
        double e0_min = 1e300, e0_max = -1e300, e0_anode = 0.;
        for (const auto &reaction : p.reactions)
          if (reaction.electrode == "cathode")
            {
              e0_min = std::min(e0_min, reaction.equilibrium_potential);
              e0_max = std::max(e0_max, reaction.equilibrium_potential);
            }
          else
            e0_anode = reaction.equilibrium_potential;
        EXPECT_GE(v.equilibrium, e0_anode - e0_max - 1e-12);
        EXPECT_LE(v.equilibrium, e0_anode - e0_min + 1e-12);
        // The diffusion potentials are small beside the ohmic part here.
        EXPECT_LT(std::abs(v.concentration), 0.2 * v.ohmic[0]);

        // summary.tsv (10 significant digits) carries the same numbers.
        ASSERT_EQ(summary.count(step->control_value), 1u);
        const auto &row    = summary.at(step->control_value);
        const auto  column = [&](const std::string &name) {
          EXPECT_EQ(row.count(name), 1u) << name;
          return row.count(name) ? row.at(name) : 0.;
        };
        EXPECT_LT(relative(column("FE_product_NH3"), nh3.faradaic_efficiency),
                  1e-9);
        EXPECT_LT(relative(column("rate_NH3_mmol_cm2_h"),
                           nh3.rate * mmol_cm2_h),
                  1e-9);
        EXPECT_LT(relative(column("FE_product_NO2-"), no2.faradaic_efficiency),
                  1e-9);
        EXPECT_LT(relative(column("conversion_NO3-"), r.conversion), 1e-9);
        EXPECT_NEAR(column("nitrogen_balance"), r.nitrogen_balance, 1e-15);
        EXPECT_LT(relative(column("U_eq_V"), v.equilibrium), 1e-9);
        EXPECT_LT(relative(column("U_kin_cathode_V"), v.kinetic_cathode), 1e-9);
        EXPECT_LT(relative(column("U_kin_anode_V"), v.kinetic_anode), 1e-9);
        EXPECT_LT(relative(column("U_ohm_electrolyte_V"), v.ohmic[0]), 1e-9);
        EXPECT_NEAR(column("U_conc_V"), v.concentration, 1e-10);
      }
    // More current: more ohmic and kinetic loss, more conversion.
    const auto &a = targets[0]->report, &b = targets[1]->report;
    EXPECT_GT(b.voltage.ohmic[0], 4. * a.voltage.ohmic[0]);
    EXPECT_GT(b.voltage.kinetic_cathode, a.voltage.kinetic_cathode);
    EXPECT_GT(b.conversion, a.conversion);
    EXPECT_GT(product(b, "NH3").rate, product(a, "NH3").rate);
  }
} // namespace

TEST(ProductsCase, FaradayLawAndNitrogenBalanceInKoh)
{
  // The brief's sanity number: 214 mA/cm2 of NH3 partial current (8 e-) is
  // 1 mmol/(cm2 h).
  EXPECT_NEAR(214. * a_per_m2 / (8. * faraday) * mmol_cm2_h, 1., 2e-3);
  const auto run = run_preset("nitrate_alkaline.prm", "products-alkaline");
  check_nitrate_outputs(run.p, run.steps, run.folder + "/run");
}

TEST(ProductsCase, AcidInletCountsAmmoniumAsAmmonia)
{
  // The neutral preset fed at pH 2 (10 mM H+), with the direct path written
  // as it runs in acid, making NH4+ (NO3- + 7 H2O + 8 e- -> NH4+ + 10 OH-):
  // the NH3 product counts the NH4+ made and the nitrogen balance the NH4+
  // leaving, so the FEs still sum to 1 and nitrogen balances.
  const auto folder = Testing::scratch_folder("products-acid");
  const auto p      = Testing::read_case(
    folder,
    Testing::coarse_channel_case("nitrate_neutral.prm",
                                 Testing::acid_inlet_species +
                                   R"(
subsection Electrode reactions
  subsection nitrate_to_ammonia
    set Stoichiometry = NO3-: -1, NH4+: 1, OH-: 10
  end
end
)"));
  const auto steps = Testing::run_case<2>(p, folder + "/run");
  check_nitrate_outputs(p, steps, folder + "/run");
  const unsigned int nh3 = p.electrolyte.index("NH3", "");
  const unsigned int nh4 = p.electrolyte.index("NH4+", "");
  const auto         t   = Testing::targets_of(steps);
  for (const auto *step : t)
    {
      const auto &r = step->report;
      EXPECT_GT(r.production[nh4], 1e-3 * r.production[nh3]);
      EXPECT_LT(relative(product(r, "NH3").production,
                         r.production[nh3] + r.production[nh4]),
                1e-12);
    }
  // A fifth of the ammonia leaves as NH4+ at 20 mA/cm2.
  EXPECT_GT(t[0]->report.outflow[nh4], 0.1 * t[0]->report.outflow[nh3]);
}

namespace
{
  /// 1 M KOH between plane electrodes covering the whole length (no inert
  /// sections), no flow, HER and OER: the current is uniform across the gap
  /// away from the inlet side, where the concentrations are held.
  std::string
  koh_slab(const std::string &folder)
  {
    return R"(
subsection Geometry
  set Dimension = 2
  subsection Channel
    set Inlet length     = 0
    set Cells inlet      = 0
    set Outlet length    = 0
    set Cells outlet     = 0
    set Electrode length = 1e-2
    set Height           = 2e-3
    set Cells electrode  = 10
    set Cells height     = 16
  end
end
subsection Flow
  set Model            = prescribed
  set Velocity profile = none
  set Mean velocity    = 0
end
subsection Species
  set Names                     = K+, OH-
  set Electroneutrality species = K+
  subsection K+
    set Charge              = 1
    set Diffusivity         = 1.96e-9
    set Inlet concentration = 1000
  end
  subsection OH-
    set Charge              = -1
    set Diffusivity         = 5.27e-9
    set Inlet concentration = 1000
  end
end
subsection Electrodes
  set Names = cathode, anode
  subsection cathode
    set Polarity  = cathode
    set Potential = -0.9
  end
  subsection anode
    set Polarity  = anode
    set Potential = 0.5
  end
end
subsection Electrode reactions
  set Names = her, oer
  subsection her
    set Electrode                     = cathode
    set Electrons                     = 2
    set Stoichiometry                 = OH-: 2
    set Equilibrium potential         = -0.828
    set Exchange current density      = 1e-2
    set Cathodic transfer coefficient = 0.5
    set Kinetics                      = cathodic tafel
  end
  subsection oer
    set Electrode                   = anode
    set Electrons                   = 4
    set Stoichiometry               = OH-: 4
    set Equilibrium potential       = 0.401
    set Exchange current density    = 1e-2
    set Anodic transfer coefficient = 1.0
    set Kinetics                    = anodic tafel
    set Reductant orders            = OH-: 1
  end
end
subsection Operation
  set Mode              = galvanostatic
  set Working electrode = cathode
  set Targets           = 0.1, 1, 10
end
subsection Output
  set Write fields = false
  set Directory    = )" +
           folder + R"(/out
end
)";
  }
} // namespace

TEST(ProductsCase, OhmicPartOfAKohSlabIsJhOverSigma)
{
  const auto folder = Testing::scratch_folder("products-slab");
  const auto p      = Testing::read_case(folder, koh_slab(folder));
  const auto steps  = Testing::run_case<2>(p, folder + "/run");
  const auto t      = Testing::targets_of(steps);
  ASSERT_EQ(t.size(), 3u);
  const double h = 2e-3, d_k = 1.96e-9, d_oh = 5.27e-9;
  // Nernst-Einstein conductivity of 1 M KOH, 27.15 S/m.
  const double sigma =
    faraday * Physics::Constants::f_over_rt * (d_k + d_oh) * 1000.;
  EXPECT_NEAR(sigma, 27.15, 0.005);
  for (const auto *step : t)
    {
      const auto  &v = step->report.voltage;
      const double j = step->control_value * a_per_m2;
      ASSERT_EQ(v.ohmic.size(), 1u);
      EXPECT_NEAR(v.equilibrium + v.kinetic_cathode + v.kinetic_anode +
                    v.ohmic[0] + v.concentration,
                  v.cell,
                  1e-10);
      // One reaction per electrode: U_eq = E0(OER) - E0(HER).
      EXPECT_NEAR(v.equilibrium, 0.401 + 0.828, 1e-12);
      // HER has no concentration dependence: Tafel at the uniform j.
      EXPECT_LT(relative(v.kinetic_cathode,
                         std::log(j / 1e-2) /
                           (0.5 * Physics::Constants::f_over_rt)),
                1e-3);
      // Ohmic: j h / sigma. The concentration changes linearly across the
      // gap by dc = j h / (2 F D_OH) (K+ does not move), which changes the
      // mean resistivity at second order ((dc/c)^2 / 12 for a linear
      // profile).
      const double ir = j * h / sigma;
      const double dc = j * h / (2. * faraday * d_oh) / 1000.;
      EXPECT_LT(relative(v.ohmic[0], ir), 1e-6 + dc * dc / 6.)
        << step->control_value << " mA/cm2";
      // Concentration part: in 1D K+ does not move (its diffusion balances
      // its migration), so the electrolyte potential drops by
      // (D_K + D_OH) / (2 D_OH) times the ohmic part, the rest being the
      // diffusion potential. The inlet side, where the concentrations are
      // held, pulls the 2D value toward 0 by about h / L.
      EXPECT_NEAR(v.concentration / v.ohmic[0],
                  (d_k + d_oh) / (2. * d_oh) - 1.,
                  0.025);
    }
  EXPECT_GT(t[2]->report.voltage.ohmic[0], 9. * t[1]->report.voltage.ohmic[0]);
}

TEST(ProductsCase, OhmicPartsOfAPorousCathode)
{
  // The slab filled by a porous cathode (collector at y = 0) facing the
  // plane anode (y = h). Far from the kinetic-ohmic limit (a_v g h^2
  // (1/sigma_s + 1/kappa) about 1e-3) the reaction is uniform: the solid
  // current falls and the electrolyte current rises linearly across the
  // gap, so the solid part is j h / (3 sigma_s) and the electrolyte part
  // j h / (3 kappa).
  const auto         folder = Testing::scratch_folder("products-porous");
  const auto         p = Testing::read_case(folder, koh_slab(folder) + R"(
subsection Electrodes
  subsection cathode
    set Porous regions        = channel
    set Specific surface area = 1e5
    set Solid conductivity    = 1000
  end
end
subsection Electrode reactions
  subsection her
    set Exchange current density = 1e-4
  end
end
subsection Operation
  set Targets = 0.1, 1
end
)");
  std::ostringstream quiet;
  Simulation<2>      simulation(p, folder + "/run", MPI_COMM_WORLD, quiet);
  const auto         steps = simulation.run();
  const auto         t     = Testing::targets_of(steps);
  ASSERT_EQ(t.size(), 2u);
  const double h = 2e-3, sigma_s = 1000.;
  const double kappa = simulation.model().region(0).diffusivity_factor *
                       faraday * Physics::Constants::f_over_rt *
                       (1.96e-9 + 5.27e-9) * 1000.;
  for (const auto *step : t)
    {
      const auto  &v = step->report.voltage;
      const double j = step->control_value * a_per_m2;
      EXPECT_NEAR(v.equilibrium + v.kinetic_cathode + v.kinetic_anode +
                    v.ohmic.at(0) + v.ohmic_solid_cathode +
                    v.ohmic_solid_anode + v.concentration,
                  v.cell,
                  1e-10);
      EXPECT_LT(relative(v.ohmic_solid_cathode, j * h / (3. * sigma_s)), 1e-2)
        << step->control_value << " mA/cm2";
      EXPECT_LT(relative(v.ohmic[0], j * h / (3. * kappa)), 1e-2)
        << step->control_value << " mA/cm2";
      EXPECT_EQ(v.ohmic_solid_anode, 0.);
      EXPECT_GT(v.kinetic_cathode, 0.);
      // The diffusion potential stays a fraction of the electrolyte part.
      EXPECT_LT(std::abs(v.concentration), 0.5 * v.ohmic[0]);
    }
}

namespace
{
  /// The Products errors found against the model (names are checked when
  /// the case is read; see tests/cli/bad_input_test.sh).
  std::string
  model_error(const std::string &products)
  {
    const auto folder = Testing::scratch_folder("products-errors");
    const auto p =
      Testing::read_case(folder,
                         Testing::coarse_channel_case("nitrate_alkaline.prm",
                                                      "subsection Products\n" +
                                                        products + "end\n"));
    dealii::Triangulation<2> tria;
    const auto               names = p.geometry.create(tria);
    try
      {
        const ProductOutputs outputs(
          p.products, model_from_case<2>(p, names, p.geometry.channel.height));
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "";
  }

  std::string
  read_error(const std::string &products)
  {
    const auto folder = Testing::scratch_folder("products-errors");
    try
      {
        Testing::read_case(folder,
                           Testing::coarse_channel_case(
                             "nitrate_alkaline.prm",
                             "subsection Products\n" + products + "end\n"));
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "";
  }
} // namespace

TEST(ProductsCase, BadProductsInputNamesTheParameter)
{
  const auto says = [](const std::string &message, const std::string &part) {
    EXPECT_NE(message.find(part), std::string::npos)
      << "'" << part << "' not in: " << message;
  };
  // The alkaline preset's defaults pass.
  EXPECT_EQ(model_error(""), "");
  // NH4+ is made by the ammonium equilibrium: its total is NH3's.
  says(model_error("set Faradaic products = NH4+: 8\n"),
       "'Products/Faradaic products = NH4+'");
  says(model_error("set Faradaic products = NH4+: 8\n"), "NH3");
  says(model_error("set Reactant = K+\n"), "electroneutrality species");
  // Equilibria conserve nitrogen: NH4+ must have NH3's atom.
  says(model_error("set Nitrogen atoms = NO3-: 1, NO2-: 1, NH3: 1\n"),
       "'Products/Nitrogen atoms = NH4+: 0'");
  says(read_error("set Faradaic products = NH2OH: 6\n"),
       "'Products/Faradaic products = NH2OH'");
  says(read_error("set Faradaic products = NH3: 0\n"), "whole number > 0");
  says(read_error("set Faradaic products = NH3: 8, NH3: 6\n"), "listed twice");
  says(read_error("set Nitrogen atoms = NO3-: -1\n"),
       "'Products/Nitrogen atoms = NO3-: -1'");
  says(read_error("set Reactant = nitrate\n"), "'Products/Reactant = nitrate'");
}

TEST(ProductsCase, N2PathClosesTheFaradayAndNitrogenBalances)
{
  const auto run     = run_preset("nitrate_alkaline_n2.prm", "products-n2");
  const auto targets = Testing::targets_of(run.steps);
  ASSERT_EQ(targets.size(), 2u);
  const unsigned int her = reaction_index(run.p, "her");
  for (const auto *step : targets)
    {
      const auto  &r       = step->report;
      const auto  &cathode = r.electrodes[0];
      const auto  &n2      = product(r, "N2");
      const double j       = std::abs(cathode.current) / cathode.area;
      // N2 counts 10 e- per molecule: rate = j FE / (10 F).
      EXPECT_GT(n2.faradaic_efficiency, 1e-4);
      EXPECT_LT(relative(n2.rate * mmol_cm2_h,
                         j * n2.faradaic_efficiency / (10. * faraday) *
                           mmol_cm2_h),
                1e-10);
      EXPECT_NEAR(product(r, "NH3").faradaic_efficiency +
                    product(r, "NO2-").faradaic_efficiency +
                    n2.faradaic_efficiency + r.faradaic_efficiency[her],
                  1.,
                  1e-10);
      // Two N atoms per N2, dissolved and carried out with the flow.
      EXPECT_LT(std::abs(r.nitrogen_balance), 1e-8);
    }
}

TEST(ProductsCase, CarbonateBufferKeepsItsCarbon)
{
  const auto run =
    run_preset("nitrate_alkaline_carbonate.prm", "products-carbonate");
  const auto targets = Testing::targets_of(run.steps);
  ASSERT_EQ(targets.size(), 2u);
  const auto &e = run.p.electrolyte;
  for (const auto *step : targets)
    {
      const auto &r = step->report;
      // No reaction makes or takes carbon: the flux-averaged carbon total at
      // the outlet is the 50 mM fed, however it splits.
      const double carbon = r.outlet_concentration[e.index("CO2", "")] +
                            r.outlet_concentration[e.index("HCO3-", "")] +
                            r.outlet_concentration[e.index("CO3--", "")];
      EXPECT_LT(relative(carbon, 50.), 1e-6) << carbon;
      // At pH 14 the total is CO3-- (HCO3-/CO3-- = 10^(10.33 - pH)).
      const auto  &cathode = r.electrodes[0];
      const double ratio   = cathode.mean_concentration[e.index("HCO3-", "")] /
                           cathode.mean_concentration[e.index("CO3--", "")];
      EXPECT_GT(cathode.mean_ph, 14.);
      EXPECT_LT(relative(ratio, std::pow(10., 10.33 - cathode.mean_ph)), 0.05)
        << "mean ratio vs the ratio at the mean pH";
      EXPECT_LT(std::abs(r.nitrogen_balance), 1e-8);
    }
}
