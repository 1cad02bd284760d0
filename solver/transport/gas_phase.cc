#include <physics/constants.h>
#include <physics/input_error.h>
#include <solver/transport/gas_phase.h>

#include <cmath>
#include <limits>

namespace NOxFlow
{
  double
  GasPhase::molar_density() const
  {
    return pressure / (Physics::Constants::gas_constant * temperature);
  }

  const GasPhase::Resistance &
  GasPhase::resistance(const unsigned int               i,
                       const dealii::types::material_id id) const
  {
    const auto it = resistances.find(id);
    if (it == resistances.end())
      throw std::logic_error("GasPhase::prepare() was not called, or region " +
                             std::to_string(id) + " holds no gas");
    return it->second[i];
  }

  void
  GasPhase::prepare()
  {
    resistances.clear();
    for (const auto &[id, r] : regions)
      {
        const double f =
          Physics::bruggeman_gas_factor(r.porosity, r.liquid_saturation);
        auto &per_species = resistances[id];
        for (const auto &s : species)
          {
            Resistance resistance;
            // f = 0 (a flooded region) would make the gas unknowns
            // singular: such regions are no gas regions (checked on input).
            resistance.molecular =
              1. /
              (f *
               Physics::binary_diffusivity(s, carrier, temperature, pressure));
            resistance.knudsen =
              r.pore_diameter > 0. ?
                1. / (f * Physics::knudsen_diffusivity(s,
                                                       r.pore_diameter,
                                                       temperature)) :
                0.;
            per_species.push_back(resistance);
          }
      }
  }
} // namespace NOxFlow
