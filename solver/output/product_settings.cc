#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/electrolyte.h>
#include <physics/input_error.h>
#include <physics/named_values.h>
#include <physics/parameter_list.h>
#include <solver/output/product_settings.h>

#include <cmath>
#include <sstream>

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
      for (const auto &[species, value] :
           parse_named_values(text, parameter, example))
        {
          check_species(electrolyte, species, parameter);
          std::ostringstream item_text;
          item_text << species << ": " << value;
          const std::string item = item_text.str();
          if (electrons && !(value > 0. && value == std::round(value)))
            throw_input_error(parameter,
                              item,
                              "electrons per molecule are a whole number > "
                              "0, e.g. '" +
                                example + "'.");
          if (!electrons && !(value >= 0. && std::isfinite(value)))
            throw_input_error(parameter,
                              item,
                              "atoms per molecule are a number >= 0, e.g. '" +
                                example + "'.");
          entries.push_back({species, value});
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
