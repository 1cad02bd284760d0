#include <physics/input_error.h>
#include <physics/parameter_list.h>
#include <solver/case/parameter_listing.h>
#include <solver/case/plausible_ranges.h>

#include <fnmatch.h>

#include <sstream>

namespace NOxFlow
{
  namespace
  {
    /// Entries matching @p pattern (fnmatch: '*' spans subsections) must
    /// lie in [low, high]; @p zero_allowed admits 0 below @p low ("leaves
    /// the layer out").
    struct Range
    {
      const char *pattern;
      double      low, high;
      const char *unit;
      const char *quantity;
      bool        zero_allowed = false;
    };

    const Range ranges[] = {
      {"Species/*/Diffusivity", 1e-12, 1e-6, "m2/s", "a dissolved species"},
      {"Species/*/Inlet concentration", 0., 1e5, "mol/m3", "a concentration"},
      {"Species/*/Initial concentration",
       -1.,
       1e5,
       "mol/m3",
       "a concentration (-1: the inlet value)"},
      {"Species/*/Charge", -10., 10., "", "an ion's charge number"},
      {"Geometry/*Thickness", 1e-9, 10., "m", "a length", true},
      {"Geometry/*Length", 1e-9, 10., "m", "a length", true},
      {"Geometry/*length", 1e-9, 10., "m", "a length", true},
      {"Geometry/*Height", 1e-9, 10., "m", "a length"},
      {"Geometry/*Width", 1e-9, 10., "m", "a length"},
      {"Geometry/*Depth", 1e-9, 10., "m", "a length"},
      {"Electrode reactions/*/Exchange current density",
       0.,
       1e6,
       "A/m2",
       "an exchange current density"},
      {"Electrode reactions/*/Electrons",
       1.,
       20.,
       "",
       "electrons per reaction"},
      {"Electrode reactions/*/*ic transfer coefficient",
       0.,
       10.,
       "",
       "a transfer coefficient"},
      {"Electrode reactions/*/Reference concentration",
       1e-9,
       1e5,
       "mol/m3",
       "a concentration"},
      {"Electrode reactions/*/Equilibrium potential",
       -10.,
       10.,
       "V",
       "an equilibrium potential"},
      {"Electrode reactions/*/Mass transfer coefficient",
       0.,
       100.,
       "m/s",
       "a mass transfer coefficient"},
      {"Electrodes/*/Potential", -100., 100., "V", "an electrode potential"},
      {"Electrodes/*/Solid conductivity",
       1e-6,
       1e9,
       "S/m",
       "a solid's conductivity"},
      {"Electrodes/*/Specific surface area",
       0.,
       1e10,
       "1/m",
       "a specific surface area"},
      {"Flow/Density", 1., 1e5, "kg/m3", "a liquid's density"},
      {"Flow/Viscosity", 1e-6, 1e3, "Pa s", "a liquid's viscosity"},
      {"Flow/Mean velocity", -100., 100., "m/s", "a flow velocity"},
      {"Flow/Inlet flow rate", 0., 1e7, "mL/min", "a flow rate"},
      {"Flow/Outlet pressure", -1e9, 1e9, "Pa", "a gauge pressure"},
      {"Flow/Porous media/*/Permeability", 1e-22, 1e-2, "m2", "a permeability"},
      {"Operation/Targets", -1e6, 1e6, "mA/cm2 or V", "an operating point"},
      {"Homogeneous reactions/*/pK", -50., 50., "", "a pK"},
      {"Homogeneous reactions/*/Reaction enthalpy",
       -5e5,
       5e5,
       "J/mol",
       "a reaction enthalpy"},
      {"Electrode reactions/*/Equilibrium potential temperature coefficient",
       -0.01,
       0.01,
       "V/K",
       "dE0/dT"},
      {"Electrode reactions/*/Activation energy",
       0.,
       3e5,
       "J/mol",
       "an activation energy"},
      {"Operation/Temperature",
       253.15,
       423.15,
       "K",
       "a liquid cell's temperature"},
      {"Homogeneous reactions/*rate constant",
       -1.,
       1e30,
       "",
       "a rate constant (-1: from the other one and K)"},
    };

    std::string
    format(const double value)
    {
      std::ostringstream text;
      text << value;
      return text.str();
    }
  } // namespace

  void
  check_plausible_ranges(const std::string &parameters_used)
  {
    for (const auto &[key, value] : parameter_entries(parameters_used))
      for (const Range &range : ranges)
        {
          if (fnmatch(range.pattern, key.c_str(), 0) != 0)
            continue;
          // Lists are checked item by item; text items (names) are not
          // numbers and belong to other checks.
          for (const auto &item : parameter_list(value))
            {
              const auto number = strict_number(item);
              if (!number)
                continue;
              const bool in_range =
                (*number >= range.low && *number <= range.high) ||
                (range.zero_allowed && *number == 0.);
              if (!in_range)
                throw_input_error(
                  key,
                  value,
                  format(*number) + " is outside " + format(range.low) +
                    " ... " + format(range.high) +
                    (*range.unit ? std::string(" ") + range.unit : "") +
                    ", the plausible range of " + range.quantity +
                    (range.zero_allowed ? " (or 0)" : "") +
                    " in a flow cell; check the value and its unit.");
            }
          break;
        }
  }
} // namespace NOxFlow
