#ifndef noxflow_physics_chemistry_speciation_h
#define noxflow_physics_chemistry_speciation_h

#include <deal.II/base/tensor.h>

#include <physics/chemistry/homogeneous_reaction.h>
#include <physics/electrolyte.h>

#include <string>
#include <vector>

namespace NOxFlow::Physics
{
  /**
   * @brief From the solver's unknowns to the concentrations of all species:
   * equilibrium chemistry by components (the tableau method of reactive
   * transport codes) and electroneutrality with an optional fixed charge.
   *
   * Each equilibrium reaction makes one species secondary: its
   * concentration follows from mass action, ln c_j = ln K_j + sum_p a_jp
   * ln c_p, in terms of the remaining (primary) species. The unknowns are
   * the component totals T_p = sum_s a_sp c_s, which reactions do not
   * change, so their transport equations carry no stiff rate. Totals are
   * speciated pointwise by Newton on ln c (a convex problem, so it converges
   * from any start); totals like c_OH - c_H may be negative, concentrations
   * never are. Electroneutrality, sum z c + rho_fix = 0, is linear in the
   * totals and fixes the electroneutrality species (a primary that no
   * equilibrium involves).
   *
   * Without equilibria this is the identity plus the electroneutrality
   * species. Everything is in scaled concentrations c / c_ref.
   */
  class Speciation
  {
  public:
    Speciation() = default;

    /// Throws an InputError if the equilibria are dependent or involve the
    /// electroneutrality species.
    /// With @p positive_species, every species but the electroneutrality
    /// species stays positive for any unknowns: the unknown u of a positive
    /// total is the total T itself above the threshold t0 = 1e-3 and
    /// logarithmic below, T = t0 exp(u / t0 - 1) (continuous with its
    /// slope), so that Newton sees ln T where a species is used up. The
    /// logarithmic species interpolation of the transport needs it.
    Speciation(const Electrolyte                      &electrolyte,
               const std::vector<HomogeneousReaction> &equilibria,
               const double                            c_ref,
               const bool positive_species = false);

    unsigned int
    n_species() const
    {
      return coefficients.size();
    }

    /// Unknowns besides the potential: the totals of all primary species
    /// except the electroneutrality species.
    unsigned int
    n_transported() const
    {
      return transported.size();
    }

    /// Species whose total unknown @p k is.
    unsigned int
    transported_primary(const unsigned int k) const
    {
      return transported[k];
    }

    /// Coefficient of species @p s in the total of transported unknown
    /// @p k (1 for the species itself; e.g. -1 for H+ in the OH- total).
    double
    weight(const unsigned int k, const unsigned int s) const
    {
      return coefficients[s][transported[k]];
    }

    /// "NO3-" for a plain species, "OH-_total" for a component total.
    std::string
    component_name(const unsigned int k) const;

    /// True if the total of unknown @p k can only be positive (no species
    /// enters it with a negative coefficient).
    bool
    positive_total(const unsigned int k) const
    {
      return positive[transported[k]];
    }

    /// d c_eliminated / d u_k (linear).
    double
    eliminated_derivative(const unsigned int k) const;

    /// Scaled totals of the transported unknowns from scaled species
    /// concentrations (inlet values, initial guesses).
    std::vector<double>
    totals(const std::vector<double> &c) const;

    /// positive_species: below this scaled total the unknown of a positive
    /// total is logarithmic, T = t0 exp(u / t0 - 1).
    static constexpr double log_threshold = 1e-3;

    /// The unknowns that speciate to scaled species @p c: the totals, with
    /// positive_species each positive total T below the threshold t0 as
    /// t0 (1 + ln(T / t0)) (T at least 1e-12).
    std::vector<double>
    unknowns(const std::vector<double> &c) const;

    /// Work space and result of one point's speciation.
    template <int dim>
    struct Point
    {
      /// Scaled concentrations of all species and dc_s/du_k.
      std::vector<double>              c;
      std::vector<std::vector<double>> d_c;
      /// With gradients: grad c_s = sum_k dc_s/du_k grad u_k.
      std::vector<dealii::Tensor<1, dim>> grad_c;
      /// Internals reused between calls: warm start of ln c, M^-1, per
      /// positive total T / T_eff and dT_eff/dT, and the concentrations and
      /// derivatives at T_eff.
      std::vector<double>              x, work, ratio, slope, c_floor;
      std::vector<std::vector<double>> d_c_floor;
    };

    /// Speciates the scaled unknowns @p u (n_transported values) under the
    /// scaled fixed charge @p rho_fix (sum z c + rho_fix = 0).
    template <int dim>
    void
    evaluate(const double *u, const double rho_fix, Point<dim> &p) const;

    /// As evaluate(), plus gradients from the unknowns' gradients.
    template <int dim>
    void
    evaluate(const double                 *u,
             const dealii::Tensor<1, dim> *grad_u,
             const double                  rho_fix,
             Point<dim>                   &p) const;

    /// Equilibrium residual |ln(prod c^nu / K)| of every equilibrium at @p c
    /// (scaled): 0 at equilibrium.
    double
    equilibrium_defect(const std::vector<double> &c) const;

  private:
    template <int dim>
    void
    speciate(const double *u, const double rho_fix, Point<dim> &p) const;

    /// exp(ln K_s + a_s . x): species @p s at ln c @p x of the reactive
    /// primaries.
    double
    reactive_concentration(const unsigned int         s,
                           const std::vector<double> &x) const;

    /// The ln c of the reactive primaries (p.x, from its value on entry)
    /// whose totals are @p target: the minimum of G(x) = sum_j exp(ln K_j +
    /// a_j x) - target . x by damped Newton; leaves M^-1 = dx/dT in p.work.
    template <int dim>
    void
    solve_reactive_block(const std::vector<double> &target,
                         Point<dim>                &p) const;

    /// positive_species: plain species from their logarithmic unknowns, the
    /// electroneutrality species from the others.
    template <int dim>
    void
    keep_positive(const double *u, const double rho_fix, Point<dim> &p) const;

    bool positive_species = false;

    std::vector<std::string> names;
    std::vector<int>         charges;
    unsigned int             eliminated = 0;
    /// a_sp: species s in terms of primary species p (identity for
    /// primaries); indexed by species in both.
    std::vector<std::vector<double>> coefficients;
    std::vector<bool>                positive;
    std::vector<unsigned int>        transported;
    /// Primaries that equilibria involve, secondary and other species
    /// entering their totals, and ln K of each species in scaled units (0
    /// for primaries).
    std::vector<unsigned int>        reactive_primaries;
    std::vector<unsigned int>        reactive_species;
    std::vector<double>              log_constant;
    std::vector<int>                 reactive_index;
    std::vector<std::vector<double>> equilibria_stoichiometry;
    std::vector<double>              equilibria_log_constant;
  };
} // namespace NOxFlow::Physics

#endif
