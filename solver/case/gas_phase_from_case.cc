#include <physics/constants.h>
#include <physics/input_error.h>
#include <solver/case/case_parameters.h>
#include <solver/case/gas_phase_from_case.h>

#include <algorithm>
#include <cmath>

namespace NOxFlow
{
  std::shared_ptr<const GasPhase>
  gas_phase_from_case(const CaseParameters &prm, const Meshes::MeshNames &names)
  {
    const auto &settings = prm.gas_phase;
    if (!settings.enabled())
      return nullptr;
    const auto &electrolyte = prm.electrolyte;
    auto        gas         = std::make_shared<GasPhase>();
    gas->pressure           = settings.pressure;
    gas->without_carrier    = settings.carrier_free();
    gas->temperature        = prm.operation.temperature;
    gas->carrier = Physics::gas_species(settings.carrier, "Gas phase/Carrier");

    // Salting-out by the ions of the inlet electrolyte (neutral species do
    // not enter Weisenberger-Schumpe).
    std::vector<Physics::DissolvedIon> ions;
    const auto inlet = electrolyte.inlet_concentrations();
    for (unsigned int s = 0; s < electrolyte.n_species(); ++s)
      if (electrolyte[s].charge != 0)
        ions.push_back({electrolyte[s].name, inlet[s]});

    for (const auto &name : settings.species)
      {
        const auto species = Physics::gas_species(name, "Gas phase/Species");
        gas->species.push_back(species);
        const auto fed = settings.feed.find(name);
        gas->feed.push_back(fed == settings.feed.end() ? 0. : fed->second);
        const auto dissolved = settings.dissolves_as.find(name);
        int        s         = -1;
        if (dissolved != settings.dissolves_as.end())
          for (unsigned int k = 0; k < electrolyte.n_species(); ++k)
            if (electrolyte[k].name == dissolved->second)
              s = k;
        gas->dissolves_as.push_back(s);
        gas->henry.push_back(
          s < 0 ? 0. :
                  Physics::henry_solubility(species, gas->temperature, ions));
        int        evolving = -1;
        const auto by       = settings.evolved_by.find(name);
        if (by != settings.evolved_by.end())
          for (unsigned int r = 0; r < prm.reactions.size(); ++r)
            if (prm.reactions[r].name == by->second)
              evolving = r;
        gas->evolved_by.push_back(evolving);
      }

    // The viscous flux carries the feed's mixture (Wilke).
    auto                gases = gas->species;
    std::vector<double> fractions(gas->feed);
    gases.push_back(gas->carrier);
    fractions.push_back(gas->carrier_fraction(gas->feed));
    gas->viscosity =
      Physics::mixture_viscosity(gases, fractions, gas->temperature);

    for (const auto &region : settings.regions)
      {
        GasRegion r;
        double    permeability = 0.;
        for (const auto &m : prm.flow.porous_media)
          if (std::find(m.regions.begin(), m.regions.end(), region) !=
              m.regions.end())
            {
              r.porosity   = m.medium.porosity;
              permeability = *std::min_element(m.medium.permeability.begin(),
                                               m.medium.permeability.begin() +
                                                 prm.dimension);
            }
        const auto value_in =
          [&region](const std::map<std::string, double> &m) {
            const auto it = m.find(region);
            return it == m.end() ? 0. : it->second;
          };
        r.liquid_saturation    = value_in(settings.liquid_saturation);
        r.pore_diameter        = value_in(settings.pore_diameter);
        r.exchange_coefficient = value_in(settings.exchange_coefficient);
        // The smallest principal permeability (GDLs are least permeable
        // through-plane, where the gas crosses), times the gas's relative
        // permeability (1 - s)^3.
        r.permeability = permeability * std::pow(1. - r.liquid_saturation, 3);
        gas->regions[names.regions.id(region, "Gas phase/Regions")] = r;
      }
    // sccm: cm3/min of ideal gas at 0 C and 1 atm, in mol/s; a 2D section
    // is fed per metre of its depth.
    const double mol_per_s_per_sccm =
      101325. / (Physics::Constants::gas_constant * 273.15) * 1e-6 / 60.;
    gas->feed_flow = settings.feed_flow_rate * mol_per_s_per_sccm /
                     (prm.dimension == 2 ? prm.geometry.depth() : 1.);
    gas->channel_axis = settings.channel_direction[1] - 'x';
    gas->channel_sign = settings.channel_direction[0] == '-' ? -1 : 1;
    if (gas->channel_axis >= prm.dimension)
      throw_input_error("Gas phase/Channel direction",
                        settings.channel_direction,
                        "a " + std::to_string(prm.dimension) +
                          "D case has no " + settings.channel_direction[1] +
                          " axis; use +x, -x, +y or -y.");
    for (const auto &b : settings.feed_boundaries)
      gas->feed_boundaries.insert(
        names.boundaries.id(b, "Gas phase/Feed boundaries"));
    if (gas->feed_flow > 0.)
      gas->channel_boundaries = gas->feed_boundaries;
    gas->prepare();
    return gas;
  }
} // namespace NOxFlow
