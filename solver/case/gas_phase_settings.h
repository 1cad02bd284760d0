#ifndef noxflow_solver_case_gas_phase_settings_h
#define noxflow_solver_case_gas_phase_settings_h

#include <map>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  namespace Physics
  {
    class Electrolyte;
    class ElectrodeReaction;
  } // namespace Physics
  struct PorousMediumSettings;
  struct ElectrodeSettings;

  /**
   * @brief The "Gas phase" subsection of a case file: gases fed through
   * porous layers (a gas-diffusion electrode), in mole fractions of the
   * transported gases in a carrier, and where they dissolve.
   */
  struct GasPhaseSettings
  {
    /// Transported gases (empty: no gas phase) and the balance gas.
    std::vector<std::string> species;
    std::string              carrier = "Ar";
    /// Mole fractions at the feed boundaries, by gas (carrier included).
    std::map<std::string, double> feed;
    std::vector<std::string>      feed_boundaries;
    /// Pa.
    double pressure = 101325.;
    /// Gas channel: feed in sccm (0: the feed boundaries hold the feed
    /// composition) and the direction the gas flows along them.
    double      feed_flow_rate    = 0.;
    std::string channel_direction = "+x";
    /// Porous regions that hold gas (their porosity is Flow/Porous media's)
    /// and, per region, liquid saturation, mean pore diameter (m; 0: no
    /// Knudsen term) and a_gl k_gl (1/s; 0: no exchange).
    std::vector<std::string>      regions;
    std::map<std::string, double> liquid_saturation;
    std::map<std::string, double> pore_diameter;
    std::map<std::string, double> exchange_coefficient;
    /// Electrolyte species each gas dissolves as (absent: it does not).
    std::map<std::string, std::string> dissolves_as;
    /// Electrode reaction that evolves each gas into the pores (one
    /// molecule per reaction as written; absent: none).
    std::map<std::string, std::string> evolved_by;

    bool
    enabled() const
    {
      return !species.empty();
    }

    /// The feed holds no carrier (100 % NO): no molecular diffusion against
    /// it, only Knudsen and viscous flow.
    bool
    carrier_free() const
    {
      const auto it = feed.find(carrier);
      return it == feed.end() || !(it->second > 0.);
    }

    /// Declares the entries of subsection "Gas phase" (the caller enters
    /// it).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Throws an InputError naming the parameter, its value and the fix
    /// for unknown gases, mole fractions that do not sum to 1, a pressure
    /// that is not positive, saturations outside [0, 1), regions that are
    /// not porous, and dissolved species the electrolyte lacks.
    void
    check(const Physics::Electrolyte              &electrolyte,
          const std::vector<PorousMediumSettings> &porous_media) const;

    /// Throws an InputError for an evolved gas that is no transported
    /// species, an unknown reaction, or a reaction that runs where the pores
    /// hold no gas (on a surface, or in a porous region outside Regions).
    void
    check_evolution(const std::vector<Physics::ElectrodeReaction> &reactions,
                    const std::vector<ElectrodeSettings> &electrodes) const;
  };
} // namespace NOxFlow

#endif
