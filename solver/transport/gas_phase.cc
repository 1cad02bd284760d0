#include <physics/constants.h>
#include <physics/input_error.h>
#include <solver/transport/gas_phase.h>

#include <algorithm>
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
        // 1 / (f D_K), or 0: pores wide enough for no Knudsen term.
        const auto knudsen_resistance = [&](const Physics::GasSpecies &g) {
          return r.pore_diameter > 0. ?
                   1. / (f * Physics::knudsen_diffusivity(g,
                                                          r.pore_diameter,
                                                          temperature)) :
                   0.;
        };
        for (const auto &s : species)
          {
            Resistance resistance;
            // f = 0 (a flooded region) would make the gas unknowns
            // singular: such regions are no gas regions (checked on input).
            resistance.molecular =
              1. /
              (f *
               Physics::binary_diffusivity(s, carrier, temperature, pressure));
            resistance.knudsen         = knudsen_resistance(s);
            resistance.carrier_knudsen = knudsen_resistance(carrier);
            resistance.viscous         = r.permeability * pressure / viscosity;
            per_species.push_back(resistance);
          }
      }
  }

  double
  GasPhase::diffusivity(const unsigned int               i,
                        const dealii::types::material_id id,
                        const std::vector<double>       &x,
                        std::vector<double>             &d_dx) const
  {
    // Smallest carrier fraction the resistance sees with a carrier fed.
    constexpr double   min_carrier = 1e-6;
    const auto        &r           = resistance(i, id);
    const unsigned int n           = n_species();
    d_dx.assign(n, 0.);
    const double carrier = carrier_free() ? 0. : carrier_fraction(x);
    const bool   clipped = !carrier_free() && carrier < min_carrier;
    const double x_c     = clipped ? min_carrier : carrier;
    // Knudsen and viscous conductance V = K + x_i kappa C / (C + x_c kappa),
    // and d V / d x_j; no Knudsen term (r.knudsen = 0) means V infinite.
    double       knudsen_resistance = 0.;
    const double kappa              = r.viscous;
    // d (x_c / D_ic) / d x_j: x_c falls by 1 per unit of x_j unless it is
    // fixed (no carrier) or held at its bound.
    const bool          varying_carrier = !clipped && !carrier_free();
    std::vector<double> d_resistance(n, varying_carrier ? -r.molecular : 0.);
    if (r.knudsen > 0.)
      {
        const double c_k   = 1. / r.carrier_knudsen;
        const double share = c_k / (c_k + x_c * kappa);
        // An undershoot x_i < 0 must not cancel the Knudsen term.
        const double x_i   = std::max(x[i], 0.);
        const double v     = 1. / r.knudsen + x_i * kappa * share;
        knudsen_resistance = 1. / v;
        const double d_v_xc =
          -x_i * kappa * kappa * share / (c_k + x_c * kappa);
        for (unsigned int j = 0; j < n; ++j)
          {
            double d_v = (j == i && x[i] > 0. ? kappa * share : 0.);
            if (varying_carrier)
              d_v -= d_v_xc;
            d_resistance[j] -= d_v / (v * v);
          }
      }
    const double d = 1. / (x_c * r.molecular + knudsen_resistance);
    for (unsigned int j = 0; j < n; ++j)
      d_dx[j] = -d * d * d_resistance[j];
    return d;
  }
} // namespace NOxFlow
