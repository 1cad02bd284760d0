// One reaction entry naming both electrodes of a couple (Electrode =
// cathode, anode) becomes one reaction per electrode, <name>@<electrode>:
// on the coarse channel with nitrite in the feed, nitrate -> nitrite as a
// Butler-Volmer couple on both electrodes gives the same answer as two
// explicit entries, oxidises nitrite back to nitrate at the anode, and
// keeps every electrode's FE summing to 1 and nitrogen conserved. A bad
// electrode list names the parameter.
#include <physics/input_error.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "case_runner.h"

using namespace NOxFlow;

namespace
{
  const std::string nitrite_feed = R"(
subsection Species
  subsection K+
    set Inlet concentration = 1120
  end
  subsection NO2-
    set Inlet concentration = 20
  end
end
)";

  /// The preset's nitrate -> nitrite step as a Butler-Volmer couple on
  /// @p electrode (one name or a list).
  std::string
  couple(const std::string &name, const std::string &electrode)
  {
    return "subsection Electrode reactions\n  subsection " + name +
           "\n    set Electrode = " + electrode + R"(
    set Electrons                     = 2
    set Stoichiometry                 = NO3-: -1, NO2-: 1, OH-: 2
    set Equilibrium potential         = 0.017
    set Exchange current density      = 1e-2
    set Anodic transfer coefficient   = 0.5
    set Cathodic transfer coefficient = 0.5
    set Kinetics                      = butler-volmer
    set Oxidant orders                = NO3-: 1
    set Reductant orders              = NO2-: 1
  end
end
)";
  }

  const std::string two_entries =
    "subsection Electrode reactions\n  set Names = nitrate_to_nitrite, "
    "nitrite_to_ammonia, nitrate_to_ammonia, her, oer, nitrite_oxidation\n"
    "end\n" +
    couple("nitrate_to_nitrite", "cathode") +
    couple("nitrite_oxidation", "anode");

  unsigned int
  index_of(const CaseParameters &p, const std::string &name)
  {
    for (unsigned int k = 0; k < p.reactions.size(); ++k)
      if (p.reactions[k].name == name)
        return k;
    ADD_FAILURE() << "no reaction " << name;
    return 0;
  }

  std::string
  read_error(const std::string &electrode)
  {
    const auto folder = Testing::scratch_folder("couple-errors");
    try
      {
        Testing::read_case(folder,
                           Testing::coarse_channel_case(
                             "nitrate_alkaline.prm",
                             couple("nitrate_to_nitrite", electrode)));
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "";
  }
} // namespace

TEST(RedoxCouple, OneEntryOnBothElectrodesEqualsTwoEntries)
{
  const auto folder = Testing::scratch_folder("couple");
  const auto one    = Testing::read_case(
    folder,
    Testing::coarse_channel_case("nitrate_alkaline.prm",
                                 nitrite_feed + couple("nitrate_to_nitrite",
                                                       "cathode, anode")));
  ASSERT_EQ(one.reactions.size(), 6u);
  const unsigned int at_cathode = index_of(one, "nitrate_to_nitrite@cathode"),
                     at_anode   = index_of(one, "nitrate_to_nitrite@anode");
  EXPECT_EQ(one.reactions[at_cathode].electrode, "cathode");
  EXPECT_EQ(one.reactions[at_anode].electrode, "anode");
  const auto steps_one = Testing::run_case<2>(one, folder + "/one");

  const auto two =
    Testing::read_case(folder,
                       Testing::coarse_channel_case("nitrate_alkaline.prm",
                                                    nitrite_feed +
                                                      two_entries));
  const auto steps_two = Testing::run_case<2>(two, folder + "/two");

  const auto targets_one = Testing::targets_of(steps_one),
             targets_two = Testing::targets_of(steps_two);
  ASSERT_EQ(targets_one.size(), 2u);
  ASSERT_EQ(targets_two.size(), 2u);
  for (unsigned int t = 0; t < 2; ++t)
    {
      const auto &a = targets_one[t]->report, &b = targets_two[t]->report;
      EXPECT_NEAR(a.voltage.cell, b.voltage.cell, 1e-8);
      for (const auto &[k_one, k_two] :
           {std::pair{at_cathode, index_of(two, "nitrate_to_nitrite")},
            std::pair{at_anode, index_of(two, "nitrite_oxidation")},
            std::pair{index_of(one, "oer"), index_of(two, "oer")},
            std::pair{index_of(one, "her"), index_of(two, "her")}})
        EXPECT_NEAR(a.reaction_current[k_one],
                    b.reaction_current[k_two],
                    1e-7 * std::abs(b.reaction_current[k_two]) + 1e-14);

      // Nitrite is oxidised at the anode: an anodic current of the couple
      // there, a share of the anode's FE, the anode's FEs summing to 1.
      EXPECT_GT(a.reaction_current[at_anode], 0.);
      EXPECT_GT(a.faradaic_efficiency[at_anode], 1e-4);
      double fe_cathode = 0., fe_anode = 0.;
      for (unsigned int k = 0; k < one.reactions.size(); ++k)
        (one.reactions[k].electrode == "cathode" ? fe_cathode : fe_anode) +=
          a.faradaic_efficiency[k];
      EXPECT_NEAR(fe_cathode, 1., 1e-10);
      EXPECT_NEAR(fe_anode, 1., 1e-10);
      EXPECT_LT(std::abs(a.charge_balance), 1e-8);
      EXPECT_LT(std::abs(a.nitrogen_balance), 1e-8);
    }

  // summary.tsv names both instances.
  std::ifstream in(folder + "/one/summary.tsv");
  std::string   header;
  std::getline(in, header);
  EXPECT_NE(header.find("FE_nitrate_to_nitrite@anode"), std::string::npos);
  EXPECT_NE(header.find("j_nitrate_to_nitrite@cathode_mA_cm2"),
            std::string::npos);
}

TEST(RedoxCouple, BadElectrodeListNamesTheParameter)
{
  const auto says = [](const std::string &message, const std::string &part) {
    EXPECT_NE(message.find(part), std::string::npos)
      << "'" << part << "' not in: " << message;
  };
  EXPECT_EQ(read_error("cathode, anode"), "");
  says(read_error("cathode, membrane"),
       "'Electrode reactions/nitrate_to_nitrite/Electrode = membrane'");
  says(read_error("cathode, membrane"), "declared electrodes");
  says(read_error("anode, anode"), "name each electrode once");
}
