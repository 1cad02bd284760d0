#ifndef noxflow_physics_constants_h
#define noxflow_physics_constants_h

/**
 * @brief Physical constants (SI) shared by every model.
 */
namespace NOxFlow::Physics::Constants
{
  /// Faraday constant, C/mol.
  constexpr double faraday = 96485.33212;
  /// Molar gas constant, J/(mol K).
  constexpr double gas_constant = 8.314462618;
  /// Reference temperature of all data in physics-brief.md, K.
  constexpr double temperature = 298.15;
  /// F/(RT) at the reference temperature, 1/V.
  constexpr double f_over_rt = faraday / (gas_constant * temperature);
  /// Concentration of the 1 M standard state, mol/m3.
  constexpr double molar = 1000.;
} // namespace NOxFlow::Physics::Constants

#endif
