#include <physics/constants.h>
#include <physics/transport/onsager_conductivity.h>

#include <cmath>

namespace NOxFlow::Physics
{
  double
  water_permittivity(const double t)
  {
    const double c = t - 273.15;
    return 87.740 - 0.40008 * c + 9.398e-4 * c * c - 1.410e-6 * c * c * c;
  }

  OnsagerCoefficients
  onsager_coefficients(const double t)
  {
    const double et = water_permittivity(t) * t;
    // Viscosity in poise in the classical constants (0.1 Pa s).
    const double poise = Constants::water_viscosity(t) / 0.1;
    return {8.204e5 / std::pow(et, 1.5),
            82.5 / (poise * std::sqrt(et)),
            50.29e10 / std::sqrt(et)};
  }

  double
  onsager_conductivity_ratio(const double lambda0,
                             const double ionic_strength,
                             const double t,
                             const double ion_size)
  {
    const auto   b    = onsager_coefficients(t);
    const double root = std::sqrt(ionic_strength);
    return 1. - (b.relaxation * lambda0 + b.electrophoresis) * root /
                  ((1. + b.debye * ion_size * root) * lambda0);
  }
} // namespace NOxFlow::Physics
