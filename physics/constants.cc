#include <physics/constants.h>

#include <cmath>

namespace NOxFlow::Physics::Constants
{
  double
  water_viscosity(const double t)
  {
    return 2.414e-5 * std::pow(10., 247.8 / (t - 140.));
  }

  double
  van_t_hoff_factor(const double enthalpy, const double t)
  {
    return std::exp(-enthalpy / gas_constant * (1. / t - 1. / temperature));
  }
} // namespace NOxFlow::Physics::Constants
