#ifndef noxflow_physics_gas_gas_properties_h
#define noxflow_physics_gas_gas_properties_h

#include <optional>
#include <string>
#include <vector>

/**
 * @file
 * @brief Gas-phase properties: binary and Knudsen diffusivities in a porous
 * gas diffusion layer, and the Henry solubility of a gas in an electrolyte.
 * Pointwise laws on tabulated data; no mesh.
 */
namespace NOxFlow::Physics
{
  /**
   * @brief One gas species' data (SI units).
   */
  struct GasSpecies
  {
    std::string name;
    /// Molar mass, kg/mol.
    double molar_mass;
    /// Lennard-Jones collision diameter, m (tables give Angstrom).
    double lj_sigma;
    /// Lennard-Jones well depth over Boltzmann's constant, K.
    double lj_epsilon_over_k;
    /// Henry solubility Hcp = c_aq / p in water at 298.15 K, mol/(m3 Pa).
    double henry_298;
    /// van 't Hoff constant of the solubility, -d ln(Hcp) / d(1/T), K.
    double henry_temperature;
    /// Weisenberger-Schumpe gas parameter h_G,0, m3/kmol.
    double sechenov_gas;
  };

  /**
   * @brief Data of a known gas by its formula (NO, N2O, N2, H2, O2, Ar, He,
   * CO2). Throws an InputError naming @p parameter (e.g. "Gas
   * phase/Species") and @p name, with the known names as the fix, for an
   * unknown one.
   */
  GasSpecies
  gas_species(const std::string &name, const std::string &parameter);

  /**
   * @brief Atoms of @p element ("N") in the gas @p formula ("N2O": 2,
   * "NO": 1, "Ne": no N): element symbols with optional counts.
   */
  unsigned int
  atoms_in(const std::string &formula, const std::string &element);

  /// Names of the known gases, in table order (for messages and docs).
  std::vector<std::string>
  known_gas_species();

  /**
   * @brief Binary molecular diffusivity D_ab, m2/s, of a dilute gas pair at
   * @p temperature (K) and @p pressure (Pa).
   *
   * Chapman-Enskog (Poling, Prausnitz and O'Connell, The Properties of Gases
   * and Liquids, 5th ed., eq. 11-3.2):
   *
   *   D = 0.00266 T^1.5 / (p M_ab^0.5 sigma_ab^2 Omega_D) cm2/s,
   *
   * with p in bar, M_ab = 2 / (1/M_a + 1/M_b) in g/mol, sigma_ab =
   * (sigma_a + sigma_b)/2 in Angstrom, and the collision integral Omega_D of
   * Neufeld et al. (J. Chem. Phys. 57 (1972) 1100) at T* = T / eps_ab,
   * eps_ab = sqrt(eps_a eps_b). Within about 5 % of measured values for
   * nonpolar pairs (H2-N2 5 % low).
   */
  double
  binary_diffusivity(const GasSpecies &a,
                     const GasSpecies &b,
                     const double      temperature,
                     const double      pressure);

  /**
   * @brief Dynamic viscosity, Pa s, of the pure dilute gas @p s at @p
   * temperature (K), Chapman-Enskog (Poling et al., eq. 9-3.9): mu =
   * 26.69 (M T)^0.5 / (sigma^2 Omega_v) micropoise, Omega_v of Neufeld et
   * al. Within about 2 % of measured values for these gases.
   */
  double
  gas_viscosity(const GasSpecies &s, const double temperature);

  /**
   * @brief Viscosity, Pa s, of a gas mixture of @p species at mole @p
   * fractions (summing to 1) by Wilke's rule (Poling et al., eq. 9-5.13).
   */
  double
  mixture_viscosity(const std::vector<GasSpecies> &species,
                    const std::vector<double>     &fractions,
                    const double                   temperature);

  /**
   * @brief Knudsen diffusivity, m2/s, of @p s in pores of mean diameter @p
   * pore_diameter (m) at @p temperature (K): D_K = (d/3) sqrt(8 R T / (pi
   * M)). The caller decides whether pores are fine enough for a Knudsen
   * term (d > 0 and finite).
   */
  double
  knudsen_diffusivity(const GasSpecies &s,
                      const double      pore_diameter,
                      const double      temperature);

  /**
   * @brief Bosanquet's combined pore diffusivity 1 / (1/D_molecular +
   * 1/D_knudsen), m2/s. Pass @p knudsen = infinity for no Knudsen term:
   * then @p molecular is returned exactly (not 1/(1/D), which may differ in
   * the last bit).
   */
  double
  bosanquet(const double molecular, const double knudsen);

  /**
   * @brief Bruggeman factor of the gas-filled pore space, (porosity (1 -
   * saturation))^1.5: the effective over the free diffusivity (the
   * porosity of the gas times its tortuosity factor). Zero at @p
   * liquid_saturation 1 and above (an overshoot of a discrete saturation
   * gives no gas, not NaN).
   */
  double
  bruggeman_gas_factor(const double porosity, const double liquid_saturation);

  /**
   * @brief Weisenberger-Schumpe ion parameter h_i, m3/kmol, of a dissolved
   * ion by name ("K+", "OH-", "Na+", "Cl-", "NO3-", "NO2-", "H+", "NH4+",
   * "Li+", "Cs+", "HCO3-", "CO3--", "SO4--", "H2PO4-", "HPO4--", "PO4---",
   * ...); multiple charges also as "Mg2+", "CO32-", "PO43-". std::nullopt
   * if not tabulated.
   */
  std::optional<double>
  sechenov_ion(const std::string &ion);

  /// Names of the ions sechenov_ion() knows (for messages and docs).
  std::vector<std::string>
  known_sechenov_ions();

  /// A dissolved ion and its concentration (mol/m3), for salting-out.
  struct DissolvedIon
  {
    std::string name;
    double      concentration;
  };

  /**
   * @brief Henry solubility Hcp, mol/(m3 Pa), of @p gas at @p temperature
   * (K) in an electrolyte of the dissolved @p ions:
   *
   *   Hcp = Hcp(298.15 K) exp(B (1/T - 1/298.15 K))
   *         10^(-sum_i (h_i + h_G,0) c_i),
   *
   * van 't Hoff from the tabulated value, then the Sechenov salting-out of
   * Weisenberger and Schumpe (AIChE J. 42 (1996) 298) with c_i in kmol/m3.
   * Their temperature term h_T of h_G = h_G,0 + h_T (T - 298.15 K) is
   * neglected (it is not tabulated for every gas); for O2 and N2 in 1 M KOH
   * at 60 C it would raise the solubility by about 5 and 10 %.
   *
   * Pass only ions (neutral solutes such as NH3 are not part of the
   * correlation); concentrations are used as given. An untabulated ion
   * above 1 mol/m3 throws an InputError naming "Species/<ion>"; below it
   * is skipped: with |h_i + h_G| < 0.4 m3/kmol for every ion in the table,
   * a trace ion changes log10(Hcp) by less than 4e-4 (0.1 %).
   */
  double
  henry_solubility(const GasSpecies                &gas,
                   const double                     temperature,
                   const std::vector<DissolvedIon> &ions);
} // namespace NOxFlow::Physics

#endif
