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
  };

  /**
   * @brief A gas phase in porous regions (gas-fed gas-diffusion electrodes):
   * mole fractions x_i of the transported gas species in a carrier gas
   * (x_carrier = 1 - sum x_i), isobaric and isothermal.
   *
   * Flux of species i, from the dusty-gas (Stefan-Maxwell with Knudsen)
   * relations for a stagnant carrier, each transported species dilute in
   * the others:
   *
   *   N_i = -c_g D_i grad x_i,
   *   1 / D_i = (x_carrier / D_i,carrier + 1 / D_K,i) / f,
   *
   * c_g = p / RT, f = (eps (1 - s))^1.5 the Bruggeman factor of the gas-filled
   * pores. With one transported species this is exact for a stagnant carrier
   * and no viscous flux (Bosanquet's combination with the concentrated
   * binary diffusivity D / x_carrier); the cross terms between transported
   * species are left out (dilute in each other).
   *
   * Gas and liquid exchange a_gl k_gl (H p x_i - c_i) per volume where a
   * species dissolves (Henry solubility H in the electrolyte).
   */
  class GasPhase
  {
  public:
    /// Transported species and the carrier (the balance gas).
    std::vector<Physics::GasSpecies>                species;
    Physics::GasSpecies                             carrier;
    double                                          pressure    = 101325.;
    double                                          temperature = 298.15;
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
     * The resistances of species @p i in region @p id: 1 / D_i =
     * x_carrier * molecular + knudsen (s/m2). Computed from the species data
     * at this temperature and pressure; call prepare() after setting them.
     */
    struct Resistance
    {
      double molecular = 0.;
      double knudsen   = 0.;
    };
    const Resistance &
    resistance(const unsigned int i, const dealii::types::material_id id) const;

    /// Fills the resistances of every species in every region.
    void
    prepare();

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
