#ifndef noxflow_physics_chemistry_homogeneous_reaction_h
#define noxflow_physics_chemistry_homogeneous_reaction_h

#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow::Physics
{
  class Electrolyte;

  /**
   * @brief A reaction among dissolved species in the electrolyte volume,
   * e.g. water dissociation "H2O <-> H+ + OH-" (physics-brief.md section 2).
   *
   * Equilibrium reactions are instantaneous: the solver transports the
   * reaction invariants (component totals) and speciates them locally, so
   * stiff rates never enter the Newton matrix. Kinetic reactions add the
   * mass-action rate r = k_f prod c_reactants - k_b prod c_products.
   */
  struct HomogeneousReaction
  {
    std::string name;
    /// The equation as written in the case file.
    std::string equation;
    /// Stoichiometric coefficient of each species (products > 0); the
    /// solvent H2O is left out.
    std::vector<double> stoichiometry;
    bool                equilibrium = true;
    /// Equilibrium constant in SI concentrations (mol/m3)^(sum nu).
    double equilibrium_constant = 1.;
    /// Mass-action rate constants, SI (kinetic reactions only).
    double forward_rate  = 0.;
    double backward_rate = 0.;
    /// Reaction enthalpy Delta H (J/mol) of K's van 't Hoff law.
    double enthalpy = 0.;

    /// K at temperature @p t (K) by van 't Hoff from its 25 C value; a
    /// kinetic reaction's rate constant that came from K (given as -1)
    /// follows, the given one stays.
    void
    set_temperature(const double t);

    /// Declares `subsection Homogeneous reactions` with one subsection per
    /// name.
    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &names);

    static std::vector<std::string>
    parse_names(dealii::ParameterHandler &prm);

    /// Reads reaction @p name; throws an InputError naming the parameter
    /// for an unknown species, a charge imbalance or a bad constant.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &name,
                     const Electrolyte        &electrolyte);

    /// Rate r (mol/(m3 s)) at concentrations @p c (mol/m3, all species)
    /// and dr/dc_s into @p d_rate.
    double
    rate(const std::vector<double> &c, std::vector<double> &d_rate) const;

    /// Forward plus backward rate, k_f prod c_reactants + k_b prod
    /// c_products (mol/(m3 s)): the scale of the round-off in rate().
    double
    gross_rate(const std::vector<double> &c) const;

  private:
    /// K at 25 C, and which rate constant was derived from K (0: none,
    /// 1: forward, 2: backward).
    double       reference_constant       = 1.;
    bool         reference_constant_unset = true;
    unsigned int derived_rate             = 0;

    /// k prod c_s^n_s over the species on one side (@p sign -1: reactants,
    /// +1: products); with @p skip >= 0, its derivative by c_skip.
    double
    side(const std::vector<double> &c,
         const double               k,
         const double               sign,
         const int                  skip) const;
  };

  /**
   * @brief Parses "a A + b B <-> c C + d D" (also "->", "=") into
   * stoichiometric coefficients per species of @p electrolyte (products
   * positive). H2O is the solvent and is skipped. Throws an InputError
   * naming @p parameter for unknown species, a missing arrow or a reaction
   * that does not conserve charge.
   */
  std::vector<double>
  parse_reaction_equation(const std::string &equation,
                          const Electrolyte &electrolyte,
                          const std::string &parameter);
} // namespace NOxFlow::Physics

#endif
