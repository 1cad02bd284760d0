#ifndef noxflow_physics_transport_onsager_conductivity_h
#define noxflow_physics_transport_onsager_conductivity_h

namespace NOxFlow::Physics
{
  /// Relative permittivity of water at @p t (K), Malmberg and Maryott,
  /// J. Res. NBS 56 (1956) 1: 78.3 at 25 C, 66.8 at 60 C (0-100 C).
  double
  water_permittivity(const double t);

  /// Debye-Hueckel-Onsager coefficients of a 1:1 electrolyte at @p t (K),
  /// in the units of the tables (Robinson and Stokes): Lambda in S cm2/mol,
  /// c in mol/L. relaxation B1 (L/mol)^0.5, electrophoresis B2
  /// S cm2/mol (L/mol)^0.5, and the Debye length factor B (1/m)
  /// (L/mol)^0.5, i.e. kappa = B sqrt(I).
  struct OnsagerCoefficients
  {
    double relaxation;
    double electrophoresis;
    double debye;
  };

  OnsagerCoefficients
  onsager_coefficients(const double t);

  /**
   * @brief Lambda / Lambda0 of a 1:1 electrolyte at ionic strength @p
   * ionic_strength (mol/L) by the Debye-Hueckel-Onsager equation with
   * Falkenhagen's finite ion size @p ion_size (m):
   *
   *   Lambda = Lambda0 - (B1 Lambda0 + B2) sqrt(I) / (1 + B a sqrt(I)),
   *
   * with @p lambda0 the infinite-dilution equivalent conductivity (S
   * cm2/mol) at @p t (K). The relaxation and electrophoretic effects that
   * the dilute Nernst-Einstein conductivity leaves out: 0.79 for 1 M KOH at
   * 25 C with a = 3.5e-10 m (21.4 against the measured 21.5 S/m).
   */
  double
  onsager_conductivity_ratio(const double lambda0,
                             const double ionic_strength,
                             const double t,
                             const double ion_size);
} // namespace NOxFlow::Physics

#endif
