#ifndef noxflow_physics_electrolyte_h
#define noxflow_physics_electrolyte_h

#include <physics/constants.h>

#include <string>
#include <utility>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow::Physics
{
  /**
   * @brief Data of one dissolved species (SI units).
   */
  struct Species
  {
    std::string name;
    int         charge = 0;
    /// Molecular diffusivity, m2/s.
    double diffusivity = 0.;
    /// Concentration at inlets, mol/m3.
    double inlet_concentration = 0.;
    /// Concentration of the initial guess, mol/m3.
    double initial_concentration = 0.;
    /// Concentrations on particular concentration boundaries (another
    /// feed, e.g. the anolyte), mol/m3, by boundary name.
    std::vector<std::pair<std::string, double>> boundary_concentrations = {};
    /// Activation energy of the diffusivity, J/mol: D(T) = D(25 C)
    /// exp(-E/R (1/T - 1/298.15 K)); 0: Stokes-Einstein with water's
    /// viscosity.
    double diffusivity_activation_energy = 0.;
  };

  /**
   * @brief A dilute electrolyte under electroneutrality.
   *
   * Optionally with the Debye-Hueckel-Onsager correction of concentrated
   * solutions: every ion's migration (not its diffusion) scaled by one
   * factor, the conductivity ratio at the inlet's ionic strength, so the
   * conductivity is the measured one while the transference numbers and
   * the salt's diffusivity keep their dilute values.
   *
   * One charged species (the electroneutrality species) is not transported:
   * its concentration follows from sum_i z_i c_i = 0. All functions taking
   * concentrations expect the full vector in species order (mol/m3).
   */
  class Electrolyte
  {
  public:
    /// Declares `subsection Species` with one subsection per name.
    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &species_names);

    /// Reads the species list alone (first parsing pass).
    static std::vector<std::string>
    parse_species_names(dealii::ParameterHandler &prm);

    /// Reads and checks the species data; throws with the fix on bad input.
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Builds from data; throws on bad input (same checks as parsing).
    Electrolyte(const std::vector<Species> &species,
                const std::string          &electroneutrality_species);

    Electrolyte() = default;

    unsigned int
    n_species() const
    {
      return species.size();
    }

    const Species &
    operator[](const unsigned int i) const
    {
      return species[i];
    }

    /// Index of a species; throws naming @p context if unknown.
    unsigned int
    index(const std::string &name, const std::string &context) const;

    /// Index of the species whose concentration electroneutrality fixes.
    unsigned int
    eliminated_species() const
    {
      return eliminated;
    }

    /// The species that are solved for, in species order.
    const std::vector<unsigned int> &
    transported_species() const
    {
      return transported;
    }

    /// Sets c[eliminated] from electroneutrality.
    void
    apply_electroneutrality(std::vector<double> &c) const;

    /// d c_eliminated / d c_j for a transported species j.
    double
    eliminated_derivative(const unsigned int j) const;

    /// Ionic conductivity F^2/(RT) m sum z^2 D c, S/m (Nernst-Einstein
    /// times the migration factor m).
    double
    conductivity(const std::vector<double> &c) const;

    /// Factor on every ion's migration flux: 1 for the dilute model, the
    /// Debye-Hueckel-Onsager conductivity ratio with the correction.
    double
    migration_factor() const
    {
      return migration;
    }

    /// Turns the Debye-Hueckel-Onsager correction on with mean ion size
    /// @p ion_size (m); throws if the inlet is beyond its range.
    void
    use_onsager_correction(const double ion_size);

    /// Puts the electrolyte at temperature @p t (K): diffusivities, given at
    /// 25 C, follow Stokes-Einstein with water's viscosity, D(t) = D(25 C)
    /// t / 298.15 K mu(25 C) / mu(t), or their own activation energy; the
    /// ion product of water follows van 't Hoff (Delta H = 55.84 kJ/mol).
    /// Conductivity and the migration factor follow.
    void
    set_temperature(const double t);

    /// Temperature, K.
    double
    temperature() const
    {
      return kelvin;
    }

    /// F/(RT) at the electrolyte's temperature, 1/V.
    double
    f_over_rt() const
    {
      return Constants::f_over_rt_at(kelvin);
    }

    /// Stokes-Einstein factor D(t)/D(25 C) with water's viscosity.
    static double
    diffusivity_factor(const double t);

    /// D(t)/D(25 C) of species @p s: Arrhenius with its activation energy,
    /// or Stokes-Einstein.
    static double
    diffusivity_factor(const Species &s, const double t);

    /// pH from OH- (or H+ if there is no OH-) with ideal activities and
    /// pKw at the electrolyte's temperature; NaN if neither is present.
    double
    ph(const std::vector<double> &c) const;

    /// True if the electrolyte has OH- or H+ and so a pH.
    bool
    has_ph() const;

    /// Inlet concentrations of all species, mol/m3.
    std::vector<double>
    inlet_concentrations() const;

    /// Initial concentrations of all species, mol/m3.
    std::vector<double>
    initial_concentrations() const;

    /// Names of the boundaries some species gives its own concentration.
    std::vector<std::string>
    boundaries_with_own_concentrations() const;

    /// Concentrations of all species on boundary @p name, mol/m3: the
    /// inlet's, except where a species gives one for that boundary.
    std::vector<double>
    boundary_concentrations(const std::string &name) const;

  private:
    void
    check_and_index(const std::string &electroneutrality_species);

    /// Throws unless @p c (all species) is electroneutral with a
    /// non-negative counter-ion; @p entry is the eliminated species' entry
    /// and @p boundary the boundary ("" for the inlet).
    void
    check_neutral(const std::vector<double> &c,
                  const std::string         &entry,
                  const std::string         &boundary) const;

    std::vector<Species>      species;
    unsigned int              eliminated = 0;
    std::vector<unsigned int> transported;
    double                    kelvin = Constants::temperature;
    /// Debye-Hueckel-Onsager: on, the mean ion size (m), the factor.
    bool   onsager_correction = false;
    double ion_size           = 3.5e-10;
    double migration          = 1.;

    /// The migration factor at the inlet composition and temperature.
    void
    update_migration_factor();
    /// -log10 Kw (mol/L units) at that temperature.
    double pkw = 14.;
  };
} // namespace NOxFlow::Physics

#endif
