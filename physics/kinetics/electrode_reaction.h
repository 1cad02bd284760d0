#ifndef noxflow_physics_kinetics_electrode_reaction_h
#define noxflow_physics_kinetics_electrode_reaction_h

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
  class Electrolyte;

  /// Which branches of the Butler-Volmer law a reaction keeps.
  enum class KineticsLaw
  {
    butler_volmer,
    cathodic_tafel,
    anodic_tafel,
    /// i = i0 (alpha_a + alpha_c) F eta / RT, concentration-independent:
    /// the small-overpotential limit (classical porous-electrode theory).
    linear
  };

  /**
   * @brief Current density of one reaction and its derivatives at a point.
   */
  struct ReactionRate
  {
    /// Current density, A/m2; negative is cathodic (reduction).
    double current_density = 0.;
    /// d i / d c_j for every species j, A/m2 per mol/m3.
    std::vector<double> d_concentration;
    /// d i / d(F eta / RT), A/m2.
    double d_scaled_overpotential = 0.;
  };

  /**
   * @brief An electrode reaction written as a reduction
   * ox + n e- -> red, with Butler-Volmer kinetics
   *
   *   i = i0 [ prod (c_red/c_ref)^g exp(alpha_a f eta)
   *          - prod (c_ox/c_ref)^g exp(-alpha_c f eta) ],
   *   eta = phi_s - phi_l - E0,  f = F/RT.
   *
   * Species not in the electrolyte (H2O, H2, O2 and N2 gas) are left out of
   * the stoichiometry; they must be neutral. Orders of 1 use c linearly (also
   * for a slightly negative discrete c, so Newton sees a smooth law); other
   * orders use max(c, 0)^g.
   */
  class ElectrodeReaction
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &reaction_names);

    static std::vector<std::string>
    parse_reaction_names(dealii::ParameterHandler &prm);

    /// Reads reaction @p name; throws with the fix on bad input.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &name,
                     const Electrolyte        &electrolyte);

    std::string name;
    /// Name of the electrode (a named boundary) it runs on.
    std::string  electrode;
    unsigned int n_electrons = 1;
    /// Equilibrium potential E0 at the case's temperature, V.
    double equilibrium_potential = 0.;
    /// dE0/dT, V/K (E0 is given at 25 C).
    double temperature_coefficient = 0.;
    /// Activation energy of i0 (Arrhenius), J/mol (i0 given at 25 C).
    double activation_energy = 0.;
    /// The case's temperature (K) and F/(RT) there, 1/V.
    double kelvin    = Constants::temperature;
    double f_over_rt = Constants::f_over_rt;

    /// Puts the reaction at temperature @p t (K): E0, i0 and F/RT.
    void
    set_temperature(const double t);
    /// Exchange current density i0, A/m2.
    double exchange_current_density = 1.;
    double alpha_anodic             = 0.5;
    double alpha_cathodic           = 0.5;
    /// Reference concentration of the kinetic law, mol/m3.
    double reference_concentration = 1000.;
    /// Film mass-transfer coefficient k_m (m/s) between the pore
    /// electrolyte and the surface of a porous electrode, for a cathodic
    /// branch of order 1: the surface sees c k_m / (k_m + k_e), so the
    /// rate tends to n F k_m c at the limiting current. 0: no film.
    double      mass_transfer_coefficient = 0.;
    KineticsLaw law                       = KineticsLaw::butler_volmer;
    /// (species index, nu) with nu > 0 for species the reduction produces.
    std::vector<std::pair<unsigned int, double>> stoichiometry;
    /// (species index, order) in the cathodic and the anodic branch.
    std::vector<std::pair<unsigned int, double>> oxidant_orders;
    std::vector<std::pair<unsigned int, double>> reductant_orders;

    /// Throws unless sum nu z = -n and every index is a species.
    void
    check(const Electrolyte &electrolyte) const;

    /// Current density and derivatives at concentrations @p c (mol/m3, all
    /// species) and scaled overpotential @p f_eta = F eta / RT.
    void
    evaluate(const std::vector<double> &c,
             const double               f_eta,
             ReactionRate              &rate) const;

    /// Molar production of species @p i (mol/(m2 s)) at current density
    /// @p current: nu_i (-i) / (n F).
    double
    production_per_current(const unsigned int i) const;
  };

  /**
   * @brief Scaled electrode potential f phi_s at which the reactions of one
   * electrode carry @p target_current (A/m2) with the electrolyte at
   * potential @p f_phi_l and concentrations @p c. Used for initial guesses;
   * solved by bisection, throws if no potential within +-10 V carries it.
   */
  double
  potential_for_current(const std::vector<const ElectrodeReaction *> &reactions,
                        const std::vector<double>                    &c,
                        const double                                  f_phi_l,
                        const double target_current);
} // namespace NOxFlow::Physics

#endif
