#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/electrolyte.h>
#include <physics/input_error.h>
#include <solver/parameter_list.h>
#include <solver/product_settings.h>

#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Throws the electrolyte's InputError for an unknown species, with a
    /// hint for cases that drop species of an included preset.
    void
    check_species(const Physics::Electrolyte &electrolyte,
                  const std::string          &species,
                  const std::string          &parameter)
    {
      try
        {
          electrolyte.index(species, parameter);
        }
      catch (const InputError &e)
        {
          throw InputError(std::string(e.what()) +
                           " A case that drops species of an included "
                           "preset sets the Products entries anew.");
        }
    }

    /// "A: 1, B: 2" -> entries with species indices. Electrons are whole
    /// numbers > 0, atoms numbers >= 0.
    std::vector<ProductSettings::Entry>
    parse_entries(const std::string          &text,
                  const std::string          &parameter,
                  const Physics::Electrolyte &electrolyte,
                  const bool                  electrons,
                  const std::string          &example)
    {
      std::vector<ProductSettings::Entry> entries;
      for (const auto &item : parameter_list(text))
        {
          const auto pair = Utilities::split_string_list(item, ':');
          if (pair.size() != 2)
            throw_input_error(parameter,
                              text,
                              "write 'species: number' pairs separated by "
                              "commas, e.g. '" +
                                example + "'.");
          ProductSettings::Entry entry;
          entry.species = pair[0];
          check_species(electrolyte, pair[0], parameter);
          try
            {
              entry.value = Utilities::string_to_double(pair[1]);
            }
          catch (...)
            {
              throw_input_error(parameter,
                                text,
                                "'" + pair[1] + "' is not a number.");
            }
          if (electrons &&
              !(entry.value > 0. && entry.value == std::round(entry.value)))
            throw_input_error(parameter,
                              item,
                              "electrons per molecule are a whole number > "
                              "0, e.g. '" +
                                example + "'.");
          if (!electrons && !(entry.value >= 0. && std::isfinite(entry.value)))
            throw_input_error(parameter,
                              item,
                              "atoms per molecule are a number >= 0, e.g. '" +
                                example + "'.");
          for (const auto &other : entries)
            if (other.species == entry.species)
              throw_input_error(parameter,
                                text,
                                "'" + entry.species +
                                  "' is listed twice; give it once.");
          entries.push_back(entry);
        }
      return entries;
    }
  } // namespace

  void
  ProductSettings::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Products");
    prm.declare_entry(
      "Reactant",
      "",
      Patterns::Anything(),
      "Species whose conversion 1 - (outflow / inflow) is reported "
      "(conversion_<species> in summary.tsv), e.g. NO3-; with equilibria, "
      "of its component total. Empty: no conversion.");
    prm.declare_entry(
      "Faradaic products",
      "",
      Patterns::Anything(),
      "Products and the electrons n each takes from the reactant, "
      "'species: n', e.g. 'NH3: 8, NO2-: 2' for nitrate. Reported per "
      "product: FE = n F (net production at its electrode, its equilibrium "
      "partners included, mol/s) / |electrode current|, and the production "
      "rate per electrode area in mmol/(cm2 h). Gases that are not species "
      "(H2, N2) keep the FE of their reaction.");
    prm.declare_entry(
      "Nitrogen atoms",
      "",
      Patterns::Anything(),
      "Nitrogen atoms per molecule, 'species: atoms', e.g. 'NO3-: 1, NO2-: "
      "1, NH3: 1, NH4+: 1' (species not listed have none). Gives the "
      "nitrogen balance (in - out with the flow - to gas) / in, where N lost "
      "by electrode reactions among the species counts as gas (N2). Empty: "
      "no balance.");
    prm.leave_subsection();
  }

  void
  ProductSettings::parse_parameters(ParameterHandler           &prm,
                                    const Physics::Electrolyte &electrolyte)
  {
    prm.enter_subsection("Products");
    reactant = prm.get("Reactant");
    if (!reactant.empty())
      check_species(electrolyte, reactant, "Products/Reactant");
    faradaic_products = parse_entries(prm.get("Faradaic products"),
                                      "Products/Faradaic products",
                                      electrolyte,
                                      true,
                                      "NH3: 8, NO2-: 2");
    nitrogen_atoms    = parse_entries(prm.get("Nitrogen atoms"),
                                   "Products/Nitrogen atoms",
                                   electrolyte,
                                   false,
                                   "NO3-: 1, NO2-: 1, NH3: 1, NH4+: 1");
    prm.leave_subsection();
  }
} // namespace NOxFlow
