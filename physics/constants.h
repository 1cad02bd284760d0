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

  /// F/(RT) at temperature @p t (K), 1/V.
  constexpr double
  f_over_rt_at(const double t)
  {
    return faraday / (gas_constant * t);
  }

  /// Viscosity of liquid water at @p t (K), Pa s: Vogel's equation
  /// 2.414e-5 * 10^(247.8 / (t - 140)), within 1 % from 0 to 100 C.
  double
  water_viscosity(const double t);

  /// Factor of a van 't Hoff law: K(t) / K(reference) for a reaction
  /// enthalpy @p enthalpy (J/mol).
  double
  van_t_hoff_factor(const double enthalpy, const double t);
} // namespace NOxFlow::Physics::Constants

#endif
