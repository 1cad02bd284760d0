#ifndef noxflow_solver_transport_gas_phase_h
#define noxflow_solver_transport_gas_phase_h

#include <deal.II/base/types.h>

#include <physics/gas/gas_properties.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief What a porous region holds for the gas phase: its pore space,
   * the share of it filled with liquid, the pore size (Knudsen) and the
   * gas-liquid exchange.
   */
  struct GasRegion
  {
    double porosity          = 1.;
    double liquid_saturation = 0.;
    /// Mean pore diameter, m; 0: pores wide enough for no Knudsen term.
    double pore_diameter = 0.;
    /// a_gl k_gl, 1/s: gas-liquid interface per volume times the mass
    /// transfer coefficient; 0 where gas and liquid do not exchange.
    double exchange_coefficient = 0.;
    /// Permeability of the gas-filled pores, m2 (Darcy; the dusty-gas
    /// viscous flux); 0: no viscous flux.
    double permeability = 0.;
  };

  /**
   * @brief A gas phase in porous regions (gas-fed gas-diffusion electrodes):
   * mole fractions x_i of the transported gas species in a carrier gas
   * (x_carrier = 1 - sum x_i), nearly isobaric and isothermal.
   *
   * The unknowns x_i are partial pressures over the gas pressure p, which
   * equal the mole fractions where the pressure is uniform. Flux of species
   * i from the dusty-gas model (Mason and Malinauskas 1983: Stefan-Maxwell
   * with Knudsen and viscous flux) for a stagnant carrier, solved for
   * each transported species against the carrier alone:
   *
   *   N_i = -c_g D_i grad x_i,
   *   1 / D_i = x_c / D_ic + 1 / (K_i + x_i kappa C / (C + x_c kappa)),
   *
   * c_g = p / RT; D_ic = f D_i,carrier and K_i, C = f D_K of species i and
   * the carrier, f = (eps (1 - s))^1.5 the Bruggeman factor of the
   * gas-filled pores; kappa = B p / mu the viscous permeation (B the gas
   * permeability, mu the feed's viscosity). With one transported species
   * and a uniform pressure this is the dusty-gas model exactly; kappa = 0
   * gives Bosanquet's combination with D / x_c. The cross terms between
   * transported species are left out (dilute in each other).
   *
   * A feed without carrier (100 % NO) has x_c = 0 throughout: then
   * D_i = K_i + x_i kappa, the Knudsen and viscous (Darcy) permeation of a
   * pure gas, whose flux N = (K dp + kappa d(p^2) / 2p) / (RT L) holds for any
   * pressure drop.
   *
   * Gas and liquid exchange a_gl k_gl (H p x_i - c_i) per volume where a
   * species dissolves (Henry solubility H in the electrolyte).
   */
  class GasPhase
  {
  public:
    /// Transported species and the carrier (the balance gas).
    std::vector<Physics::GasSpecies> species;
    Physics::GasSpecies              carrier;
    double                           pressure    = 101325.;
    double                           temperature = 298.15;
    /// Viscosity of the feed gas, Pa s (the viscous flux).
    double viscosity = 2.2e-5;
    /// The feed holds no carrier (GasPhaseSettings::carrier_free()).
    bool                                            without_carrier = false;
    std::map<dealii::types::material_id, GasRegion> regions;
    /// Boundaries held at the feed composition (gas channel side).
    std::set<dealii::types::boundary_id> feed_boundaries;
    /// Mole fraction of each transported species in the feed.
    std::vector<double> feed;
    /**
     * Gas channel along feed boundaries: with a molar feed flow (mol/s;
     * per metre of depth in 2D) > 0, the channel boundaries hold the channel's
     * composition, which loses what the electrode takes up on its way
     * (plug flow along @p channel_axis, in the direction of
     * @p channel_sign), instead of the feed composition. 0: the channel's
     * flow far exceeds the uptake.
     */
    double       feed_flow    = 0.;
    unsigned int channel_axis = 0;
    int          channel_sign = 1;
    /// The feed boundaries the channel runs along.
    std::set<dealii::types::boundary_id> channel_boundaries;
    /// Electrolyte species each gas species dissolves as, or -1.
    std::vector<int> dissolves_as;
    /// Henry solubility of each species in the electrolyte, mol/(m3 Pa).
    std::vector<double> henry;
    /// Electrode reaction (model index) that evolves each species into the
    /// pores, one molecule per reaction as written, or -1.
    std::vector<int> evolved_by;

    /// Whether reaction @p r evolves species @p i.
    bool
    evolves(const unsigned int r, const unsigned int i) const
    {
      return i < evolved_by.size() && evolved_by[i] == static_cast<int>(r);
    }

    unsigned int
    n_species() const
    {
      return species.size();
    }

    /// c_g = p / RT, mol/m3.
    double
    molar_density() const;

    /// Dissolution of gas @p i in @p region, mol/(m3 s): a_gl k_gl (H p x -
    /// c), c in mol/m3 of the species it dissolves as (0 if it does not).
    /// The exchange term, the diagnostics and the fields all use it.
    double
    dissolution(const unsigned int i,
                const GasRegion   &region,
                const double       x,
                const double       c) const
    {
      return dissolves_as[i] < 0 ?
               0. :
               region.exchange_coefficient * (henry[i] * pressure * x - c);
    }

    /// The gas region of material @p id, or null (no gas there).
    const GasRegion *
    region(const dealii::types::material_id id) const
    {
      const auto it = regions.find(id);
      return it == regions.end() ? nullptr : &it->second;
    }

    /**
     * The resistances of species @p i in region @p id (s/m2): molecular =
     * 1 / D_ic, knudsen = 1 / K_i (0: no Knudsen term), carrier_knudsen =
     * 1 / C; viscous = kappa (m2/s). Computed from the species data at this
     * temperature and pressure; call prepare() after setting them.
     */
    struct Resistance
    {
      double molecular       = 0.;
      double knudsen         = 0.;
      double carrier_knudsen = 0.;
      double viscous         = 0.;
    };
    const Resistance &
    resistance(const unsigned int i, const dealii::types::material_id id) const;

    /// Fills the resistances of every species in every region.
    void
    prepare();

    /// True if the feed holds no carrier (a pure gas or a carrier-free
    /// mixture): x_c = 0 throughout.
    bool
    carrier_free() const
    {
      return without_carrier;
    }

    /**
     * D_i (m2/s) in region @p id at the transported fractions @p x, and in
     * @p d_dx its derivatives by each x_j. The carrier fraction is kept
     * above 1e-6 and x_i above 0 (a Newton iterate out of range must not
     * make D negative or infinite); where a bound acts, d_dx holds no term
     * of that fraction.
     */
    double
    diffusivity(const unsigned int               i,
                const dealii::types::material_id id,
                const std::vector<double>       &x,
                std::vector<double>             &d_dx) const;

    /// Mole fraction of the carrier for transported fractions @p x.
    template <typename Vector>
    double
    carrier_fraction(const Vector &x) const
    {
      double sum = 0.;
      for (unsigned int i = 0; i < n_species(); ++i)
        sum += x[i];
      return 1. - sum;
    }

  private:
    std::map<dealii::types::material_id, std::vector<Resistance>> resistances;
  };
} // namespace NOxFlow

#endif
