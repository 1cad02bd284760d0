#include <physics/constants.h>
#include <physics/gas/gas_properties.h>
#include <physics/input_error.h>
#include <solver/output/product_outputs.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace NOxFlow
{
  namespace
  {
    std::string
    number(const double x)
    {
      std::ostringstream text;
      text << x;
      return text.str();
    }

    /// The transported unknown whose total species @p s names; throws an
    /// InputError naming @p parameter if there is none.
    unsigned int
    total_of(const Physics::Speciation  &speciation,
             const Physics::Electrolyte &electrolyte,
             const unsigned int          s,
             const std::string          &parameter)
    {
      for (unsigned int k = 0; k < speciation.n_transported(); ++k)
        if (speciation.transported_primary(k) == s)
          return k;
      const std::string &name = electrolyte[s].name;
      if (s == electrolyte.eliminated_species())
        throw_input_error(parameter,
                          name,
                          "'" + name +
                            "' is the electroneutrality species, which "
                            "follows from the others and has no balance of "
                            "its own; name another species, or choose "
                            "another Species/Electroneutrality species.");
      std::vector<unsigned int> holders;
      for (unsigned int k = 0; k < speciation.n_transported(); ++k)
        if (speciation.weight(k, s) > 0.)
          holders.push_back(speciation.transported_primary(k));
      throw_input_error(
        parameter,
        name,
        "an equilibrium makes '" + name +
          "' from other species, so it is counted in their totals; name "
          "the species of the total that holds it: " +
          join_names(holders,
                     [&](const unsigned int p) {
                       return electrolyte[p].name;
                     }) +
          ".");
    }
  } // namespace

  template <int dim>
  ProductOutputs::ProductOutputs(const ProductSettings        &settings,
                                 const NernstPlanckModel<dim> &model)
    : reaction_electrode(model.reaction_electrode)
  {
    const auto        &speciation  = model.speciation();
    const auto        &electrolyte = model.electrolyte;
    const unsigned int n_species   = electrolyte.n_species();
    const auto        &reactions   = model.reactions;

    for (const auto &entry : settings.faradaic_products)
      {
        const std::string  parameter = "Products/Faradaic products";
        const unsigned int k =
          total_of(speciation,
                   electrolyte,
                   electrolyte.index(entry.species, parameter),
                   parameter);
        Product product;
        product.name      = entry.species;
        product.electrons = entry.value;
        product.per_coulomb.assign(reactions.size(), 0.);
        for (unsigned int r = 0; r < reactions.size(); ++r)
          for (unsigned int s = 0; s < n_species; ++s)
            product.per_coulomb[r] +=
              speciation.weight(k, s) * reactions[r].production_per_current(s);
        products.push_back(product);
      }

    if (!settings.reactant.empty())
      {
        const std::string  parameter = "Products/Reactant";
        const unsigned int k =
          total_of(speciation,
                   electrolyte,
                   electrolyte.index(settings.reactant, parameter),
                   parameter);
        reactant_name      = settings.reactant;
        reactant_component = k;
        reactant_primary   = speciation.transported_primary(k);
      }

    if (settings.nitrogen_atoms.empty())
      return;
    const std::string parameter = "Products/Nitrogen atoms";
    nitrogen.assign(n_species, 0.);
    for (const auto &entry : settings.nitrogen_atoms)
      nitrogen[electrolyte.index(entry.species, parameter)] = entry.value;
    const unsigned int eliminated = electrolyte.eliminated_species();
    if (nitrogen[eliminated] != 0.)
      throw_input_error(parameter,
                        electrolyte[eliminated].name + ": " +
                          number(nitrogen[eliminated]),
                        "the electroneutrality species has no balance of its "
                        "own, so nitrogen in it cannot be counted; choose "
                        "another Species/Electroneutrality species (e.g. "
                        "K+).");
    for (unsigned int k = 0; k < speciation.n_transported(); ++k)
      transported_primaries.push_back(speciation.transported_primary(k));
    // The inflow is known per total: the nitrogen of a total is that of its
    // primary species, which holds if every equilibrium conserves nitrogen.
    for (unsigned int s = 0; s < n_species; ++s)
      {
        if (s == eliminated)
          continue;
        double implied = 0.;
        for (unsigned int k = 0; k < speciation.n_transported(); ++k)
          implied +=
            speciation.weight(k, s) * nitrogen[transported_primaries[k]];
        if (std::abs(implied - nitrogen[s]) > 1e-12 * (1. + nitrogen[s]))
          {
            std::ostringstream fix;
            fix << "the equilibria make '" << electrolyte[s].name
                << "' from species with " << implied
                << " nitrogen atoms in all, and equilibria conserve atoms; "
                   "give it "
                << implied << " (or correct the others).";
            throw_input_error(parameter,
                              electrolyte[s].name + ": " + number(nitrogen[s]),
                              fix.str());
          }
      }
    for (const auto &reaction : model.volume_reactions)
      {
        double change = 0.;
        for (unsigned int s = 0; s < n_species; ++s)
          change += reaction.stoichiometry[s] * nitrogen[s];
        if (std::abs(change) > 1e-12)
          throw_input_error(parameter,
                            reaction.name + ": " + reaction.equation,
                            "this homogeneous reaction would change the "
                            "nitrogen by " +
                              number(change) +
                              " atoms; correct the atoms or the reaction.");
      }
  }

  void
  ProductOutputs::evaluate(CellReport &report) const
  {
    const double       nan   = std::numeric_limits<double>::quiet_NaN();
    const unsigned int n_e   = report.electrodes.size();
    const double       farad = Physics::Constants::faraday;

    report.products.clear();
    for (const auto &product : products)
      {
        // Net production per electrode; the product belongs to the
        // electrode that makes the most (another may consume it, e.g. NH3
        // oxidised at an anode).
        std::vector<double> made(n_e, 0.);
        std::vector<bool>   involved(n_e, false);
        for (unsigned int r = 0; r < product.per_coulomb.size(); ++r)
          if (product.per_coulomb[r] != 0.)
            {
              made[reaction_electrode[r]] +=
                product.per_coulomb[r] * report.reaction_current[r];
              involved[reaction_electrode[r]] = true;
            }
        ProductReport out;
        out.name = product.name;
        for (unsigned int e = 0; e < n_e; ++e)
          if (involved[e] &&
              (out.electrode < 0 || made[e] > made[out.electrode]))
            out.electrode = e;
        if (out.electrode >= 0)
          {
            const auto &er = report.electrodes[out.electrode];
            out.production = made[out.electrode];
            out.faradaic_efficiency =
              er.current != 0. ? product.electrons * farad * out.production /
                                   std::abs(er.current) :
                                 nan;
            out.rate = out.production / er.area;
          }
        report.products.push_back(out);
      }

    report.conversion = nan;
    if (!reactant_name.empty())
      {
        // A reactant fed as a gas (gas-diffusion electrode) enters where
        // it dissolves.
        double in = report.inflow[reactant_primary];
        for (unsigned int i = 0; i < report.gas_inflow.size(); ++i)
          if (report.gas_dissolves_as[i] == static_cast<int>(reactant_primary))
            in += report.gas_inflow[i];
        const double out = report.component_outflow[reactant_component];
        if (in != 0.)
          report.conversion = 1. - out / in;
      }

    report.nitrogen_in = report.nitrogen_out = report.nitrogen_gas =
      report.nitrogen_balance                = nan;
    if (nitrogen.empty())
      return;
    double in = 0., out = 0., gas = 0.;
    // In and out by totals, as the unknowns are balanced.
    for (unsigned int k = 0; k < transported_primaries.size(); ++k)
      {
        const double n = nitrogen[transported_primaries[k]];
        in += n * report.inflow[transported_primaries[k]];
        out += n * report.component_outflow[k];
      }
    // Gases through the feed boundaries of a gas-diffusion electrode:
    // fed (NO) or leaving (the N2O and N2 the electrode evolves).
    for (unsigned int i = 0; i < report.gas_inflow.size(); ++i)
      {
        const double n =
          Physics::atoms_in(report.gas_species[i], "N") * report.gas_inflow[i];
        // In and out gross, so that the balance is relative to the feed.
        (n >= 0. ? in : out) += std::abs(n);
      }
    // Nitrogen the electrode reactions take from the species and do not
    // evolve as a transported gas.
    for (unsigned int s = 0; s < nitrogen.size(); ++s)
      gas -= nitrogen[s] * report.production[s];
    for (unsigned int i = 0; i < report.gas_evolved.size(); ++i)
      gas -=
        Physics::atoms_in(report.gas_species[i], "N") * report.gas_evolved[i];
    report.nitrogen_in      = in;
    report.nitrogen_out     = out;
    report.nitrogen_gas     = gas;
    const double scale      = in != 0. ?
                                std::abs(in) :
                                std::max({std::abs(out), std::abs(gas), 1e-300});
    report.nitrogen_balance = (in - out - gas) / scale;
  }

  std::vector<std::string>
  ProductOutputs::product_names() const
  {
    std::vector<std::string> names;
    for (const auto &p : products)
      names.push_back(p.name);
    return names;
  }

  template ProductOutputs::ProductOutputs(const ProductSettings &,
                                          const NernstPlanckModel<2> &);
  template ProductOutputs::ProductOutputs(const ProductSettings &,
                                          const NernstPlanckModel<3> &);
} // namespace NOxFlow
