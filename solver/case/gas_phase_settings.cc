#include <deal.II/base/parameter_handler.h>

#include <physics/electrolyte.h>
#include <physics/gas/gas_properties.h>
#include <physics/input_error.h>
#include <physics/kinetics/electrode_reaction.h>
#include <physics/named_values.h>
#include <physics/parameter_list.h>
#include <solver/case/case_parameters.h>
#include <solver/case/gas_phase_settings.h>
#include <solver/flow/flow_settings.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// "name: value" as the case file writes it (0.95, not 0.950000).
    std::string
    entry(const std::string &name, const double value)
    {
      std::ostringstream text;
      text << name << ": " << value;
      return text.str();
    }

    std::map<std::string, double>
    named_map(const std::string &text,
              const std::string &parameter,
              const std::string &example)
    {
      std::map<std::string, double> result;
      for (const auto &[name, value] :
           parse_named_values(text, parameter, example))
        result[name] = value;
      return result;
    }

    /// "a: b, c: d" as {a: b, c: d}; an entry that is no pair stops with
    /// @p parameter and the @p form it takes.
    std::map<std::string, std::string>
    name_pairs(const std::string &text,
               const std::string &parameter,
               const std::string &form)
    {
      std::map<std::string, std::string> pairs;
      for (const auto &item : parameter_list(text))
        {
          const auto pair = Utilities::split_string_list(item, ':');
          if (pair.size() != 2 || pair[0].empty() || pair[1].empty())
            throw_input_error(parameter, item, "write " + form + ".");
          pairs[pair[0]] = pair[1];
        }
      return pairs;
    }

    /// The porous medium holding @p region, or null.
    const PorousMediumSettings *
    medium_of(const std::string                       &region,
              const std::vector<PorousMediumSettings> &porous_media)
    {
      for (const auto &m : porous_media)
        if (std::find(m.regions.begin(), m.regions.end(), region) !=
            m.regions.end())
          return &m;
      return nullptr;
    }
  } // namespace

  void
  GasPhaseSettings::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry(
      "Species",
      "",
      Patterns::Anything(),
      "Gases transported through the porous layers, e.g. 'NO, N2O, H2' (known: " +
        join_names(Physics::known_gas_species(),
                   [](const std::string &s) { return s; }) +
        "). Empty: no gas phase. Their partial pressures over Pressure are solution components in Regions (isothermal; dusty-gas transport against a stagnant carrier: molecular diffusion, Knudsen and viscous flow through the permeability of Flow/Porous media).");
    prm.declare_entry(
      "Carrier",
      "Ar",
      Patterns::Anything(),
      "The balance gas, 1 - sum of the others: stagnant, not transported. It may be absent from the feed (100 % NO): the pure gas then moves by Knudsen and viscous flow.");
    prm.declare_entry(
      "Feed composition",
      "",
      Patterns::Anything(),
      "Mole fractions at the feed boundaries, carrier included, summing to 1, e.g. 'NO: 0.1, Ar: 0.9'.");
    prm.declare_entry(
      "Feed boundaries",
      "",
      Patterns::Anything(),
      "Boundaries held at the feed composition (the gas channel's side of the GDL).");
    prm.declare_entry(
      "Feed flow rate",
      "0",
      Patterns::Double(0.),
      "Gas channel feed, sccm (cm3/min at 0 C and 1 atm; in 2D through the section's depth). 0: the feed boundaries hold the feed composition (a channel whose flow far exceeds the uptake). > 0: the channel runs along the feed boundaries (plug flow) and its composition falls by what the electrode takes up upstream; the uptake can approach the feed, never exceed it.");
    prm.declare_entry("Channel direction",
                      "+x",
                      Patterns::Selection("+x|-x|+y|-y|+z|-z"),
                      "Direction of the gas flow along the feed boundaries.");
    prm.declare_entry("Pressure",
                      "101325",
                      Patterns::Anything(),
                      "Gas pressure, Pa (uniform).");
    prm.declare_entry(
      "Regions",
      "",
      Patterns::Anything(),
      "Porous regions (of Flow/Porous media, whose porosity they take) that hold gas.");
    prm.declare_entry(
      "Liquid saturation",
      "",
      Patterns::Anything(),
      "Share of the pores filled with electrolyte, per region, in [0, 1), e.g. 'gdl: 0.1, catalyst_layer: 0.5'; unlisted regions 0. The gas diffuses through (porosity (1 - saturation))^1.5 (Bruggeman).");
    prm.declare_entry(
      "Mean pore diameter",
      "",
      Patterns::Anything(),
      "Per region, m, for the Knudsen diffusivity (d/3) sqrt(8RT / pi M), combined with the molecular one by Bosanquet; unlisted regions have no Knudsen term.");
    prm.declare_entry(
      "Exchange coefficient",
      "",
      Patterns::Anything(),
      "a_gl k_gl per region, 1/s: gas-liquid interface per volume times the mass transfer coefficient; a gas dissolves at a_gl k_gl (H p x - c) per volume. Unlisted regions do not exchange.");
    prm.declare_entry(
      "Dissolves as",
      "",
      Patterns::Anything(),
      "The electrolyte species each gas dissolves as, e.g. 'NO: NO'; its Henry solubility (Sander 2015, van 't Hoff) is salted out by the inlet's ions (Weisenberger-Schumpe).");
    prm.declare_entry(
      "Evolved by",
      "",
      Patterns::Anything(),
      "The electrode reaction that evolves each gas into the pores, one molecule per reaction as written, e.g. 'N2O: no_to_n2o, N2: no_to_n2, H2: her'. The gas is then transported, leaves through the feed boundaries (counted in the gas columns of summary.tsv) and enters the nitrogen balance. The reaction must run in the gas regions of a porous electrode.");
  }

  void
  GasPhaseSettings::parse_parameters(ParameterHandler &prm)
  {
    species             = parameter_list(prm.get("Species"));
    carrier             = prm.get("Carrier");
    feed                = named_map(prm.get("Feed composition"),
                     "Gas phase/Feed composition",
                     "NO: 0.1, Ar: 0.9");
    feed_boundaries     = parameter_list(prm.get("Feed boundaries"));
    feed_flow_rate      = prm.get_double("Feed flow rate");
    channel_direction   = prm.get("Channel direction");
    const std::string p = prm.get("Pressure");
    try
      {
        pressure = Utilities::string_to_double(p);
      }
    catch (...)
      {
        throw_input_error("Gas phase/Pressure", p, "give a number, Pa.");
      }
    regions              = parameter_list(prm.get("Regions"));
    liquid_saturation    = named_map(prm.get("Liquid saturation"),
                                  "Gas phase/Liquid saturation",
                                  "gdl: 0.1, catalyst_layer: 0.5");
    pore_diameter        = named_map(prm.get("Mean pore diameter"),
                              "Gas phase/Mean pore diameter",
                              "gdl: 1e-5, catalyst_layer: 1e-7");
    exchange_coefficient = named_map(prm.get("Exchange coefficient"),
                                     "Gas phase/Exchange coefficient",
                                     "catalyst_layer: 1e3");
    dissolves_as =
      name_pairs(prm.get("Dissolves as"),
                 "Gas phase/Dissolves as",
                 "'gas: electrolyte species' pairs, e.g. 'NO: NO'");
    evolved_by = name_pairs(prm.get("Evolved by"),
                            "Gas phase/Evolved by",
                            "'gas: electrode reaction' pairs, e.g. 'N2O: "
                            "no_to_n2o'");
  }

  void
  GasPhaseSettings::check(
    const Physics::Electrolyte              &electrolyte,
    const std::vector<PorousMediumSettings> &porous_media) const
  {
    if (!enabled())
      return;
    for (const auto &s : species)
      {
        Physics::gas_species(s, "Gas phase/Species");
        if (s == carrier)
          throw_input_error("Gas phase/Species",
                            s,
                            "the carrier is the balance gas, not transported; "
                            "drop it here or choose another Carrier.");
      }
    Physics::gas_species(carrier, "Gas phase/Carrier");
    double sum = 0.;
    for (const auto &[name, x] : feed)
      {
        if (name != carrier &&
            std::find(species.begin(), species.end(), name) == species.end())
          throw_input_error("Gas phase/Feed composition",
                            name,
                            "only the Species and the Carrier (" + carrier +
                              ") can be fed; add it to Species or drop it.");
        if (!(x >= 0. && x <= 1.))
          throw_input_error("Gas phase/Feed composition",
                            entry(name, x),
                            "mole fractions lie in [0, 1].");
        sum += x;
      }
    if (std::abs(sum - 1.) > 1e-6)
      throw_input_error("Gas phase/Feed composition",
                        sum,
                        "the mole fractions (carrier included) must sum to "
                        "1; correct them (they are read as given, not "
                        "normalised).");
    // Without a carrier the pure gas moves by Knudsen and viscous flow,
    // which both need the pore size; the carrier's molecular diffusion is
    // gone.
    if (carrier_free() && feed_flow_rate > 0.)
      throw_input_error("Gas phase/Feed flow rate",
                        feed_flow_rate,
                        "a gas channel fed at a rate needs a carrier for "
                        "now (its slices' composition is reckoned against "
                        "it): feed some " +
                          carrier +
                          " (e.g. 1 %), or set 0 for a channel whose flow "
                          "far exceeds the uptake.");
    if (carrier_free())
      for (const auto &region : regions)
        if (!(pore_diameter.count(region) && pore_diameter.at(region) > 0.))
          throw_input_error("Gas phase/Mean pore diameter",
                            region + ": 0",
                            "a feed without " + carrier +
                              " moves through the pores by Knudsen and "
                              "viscous flow, which need the pore size: give "
                              "each gas region's mean pore diameter (m).");
    if (!(pressure > 0. && std::isfinite(pressure)))
      throw_input_error("Gas phase/Pressure",
                        pressure,
                        "give the absolute gas pressure, Pa (> 0; 101325 "
                        "at 1 atm).");
    if (feed_boundaries.empty())
      throw_input_error("Gas phase/Feed boundaries",
                        "",
                        "name the boundaries where the gas enters (the gas "
                        "channel's side of the GDL).");
    if (regions.empty())
      throw_input_error("Gas phase/Regions",
                        "",
                        "name the porous regions that hold gas.");
    for (const auto &region : regions)
      if (!medium_of(region, porous_media))
        throw_input_error("Gas phase/Regions",
                          region,
                          "a gas region must be a porous region of Flow/"
                          "Porous media (its porosity is used).");
    const auto check_regions = [&](const std::map<std::string, double> &m,
                                   const std::string &parameter) {
      for (const auto &[region, value] : m)
        if (std::find(regions.begin(), regions.end(), region) == regions.end())
          throw_input_error("Gas phase/" + parameter,
                            region,
                            "it is no gas region; add it to Regions or drop "
                            "it here.");
    };
    check_regions(liquid_saturation, "Liquid saturation");
    check_regions(pore_diameter, "Mean pore diameter");
    check_regions(exchange_coefficient, "Exchange coefficient");
    for (const auto &[region, s] : liquid_saturation)
      if (!(s >= 0. && s < 1.))
        throw_input_error("Gas phase/Liquid saturation",
                          entry(region, s),
                          "a saturation lies in [0, 1); a flooded region "
                          "(1) holds no gas: drop it from Regions.");
    for (const auto &[region, d] : pore_diameter)
      if (!(d >= 0. && std::isfinite(d)))
        throw_input_error("Gas phase/Mean pore diameter",
                          entry(region, d),
                          "give the mean pore diameter in m (>= 0; 0 for no "
                          "Knudsen term).");
    for (const auto &[region, k] : exchange_coefficient)
      if (!(k >= 0. && std::isfinite(k)))
        throw_input_error("Gas phase/Exchange coefficient",
                          entry(region, k),
                          "a_gl k_gl is >= 0, 1/s.");
    for (const auto &[gas, liquid] : dissolves_as)
      {
        if (std::find(species.begin(), species.end(), gas) == species.end())
          throw_input_error("Gas phase/Dissolves as",
                            gas,
                            "only transported Species dissolve.");
        bool known = false;
        for (unsigned int s = 0; s < electrolyte.n_species(); ++s)
          known = known || electrolyte[s].name == liquid;
        if (!known)
          throw_input_error("Gas phase/Dissolves as",
                            gas + ": " + liquid,
                            "'" + liquid +
                              "' is no species of the electrolyte; add it to "
                              "Species/Names (neutral, Charge = 0).");
      }
  }

  void
  GasPhaseSettings::check_evolution(
    const std::vector<Physics::ElectrodeReaction> &reactions,
    const std::vector<ElectrodeSettings>          &electrodes) const
  {
    for (const auto &[gas, reaction_name] : evolved_by)
      {
        if (std::find(species.begin(), species.end(), gas) == species.end())
          throw_input_error("Gas phase/Evolved by",
                            gas,
                            "only transported Species are evolved; add " + gas +
                              " to Species.");
        const auto reaction =
          std::find_if(reactions.begin(), reactions.end(), [&](const auto &r) {
            return r.name == reaction_name;
          });
        if (reaction == reactions.end())
          throw_input_error("Gas phase/Evolved by",
                            gas + ": " + reaction_name,
                            "no electrode reaction is named '" + reaction_name +
                              "'; name one of Electrode reactions/Names.");
        const auto electrode =
          std::find_if(electrodes.begin(),
                       electrodes.end(),
                       [&](const auto &e) {
                         return e.name == reaction->electrode;
                       });
        const std::string where = gas + ": " + reaction_name;
        if (electrode == electrodes.end() || electrode->porous_regions.empty())
          throw_input_error("Gas phase/Evolved by",
                            where,
                            "the reaction runs on an electrode surface, "
                            "which has no pores to evolve gas into; evolve "
                            "gases from reactions of a porous electrode.");
        for (const auto &region : electrode->porous_regions)
          {
            const auto   area = electrode->region_specific_areas.find(region);
            const double a_v  = area == electrode->region_specific_areas.end() ?
                                  electrode->specific_area :
                                  area->second;
            if (a_v > 0. && std::find(regions.begin(), regions.end(), region) ==
                              regions.end())
              throw_input_error("Gas phase/Evolved by",
                                where,
                                "the reaction also runs in " + region +
                                  ", which holds no gas; add " + region +
                                  " to Gas phase/Regions.");
          }
      }
  }
} // namespace NOxFlow
