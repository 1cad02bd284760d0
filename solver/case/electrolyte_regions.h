#ifndef noxflow_solver_case_electrolyte_regions_h
#define noxflow_solver_case_electrolyte_regions_h

#include <deal.II/base/types.h>

#include <meshes/named_regions.h>
#include <solver/transport/nernst_planck_model.h>

#include <map>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  struct PorousMediumSettings;

  /**
   * @brief An ion-exchange membrane or ionomer of the case file
   * (`Membranes/<name>`) and the mesh regions it fills.
   *
   * The fixed ionic groups enter electroneutrality (sum z c + z_fix c_fix =
   * 0), and diffusion in the water-swollen polymer is slower by a factor.
   * Interfaces with free electrolyte: concentrations of the transported
   * species are continuous and the counter-ion jumps by c_fix (no Donnan
   * potential; docs/membranes.md estimates the error).
   */
  struct MembraneSettings
  {
    std::string              name;
    std::vector<std::string> regions;
    /// -1 cation exchange (sulfonate, Nafion), +1 anion exchange.
    int    fixed_charge_sign   = -1;
    double fixed_concentration = 1200.;
    double diffusivity_factor  = 0.25;

    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &names);
    static std::vector<std::string>
    parse_names(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &name);
  };

  /// Electrolyte properties per material id: Bruggeman factors eps^1.5 of
  /// porous media, fixed charge and diffusivity factors of membranes
  /// (combined where an ionomer fills a porous layer).
  std::map<dealii::types::material_id, ElectrolyteRegion>
  electrolyte_regions(const std::vector<PorousMediumSettings> &porous_media,
                      const std::vector<MembraneSettings>     &membranes,
                      const Meshes::NamedRegions              &regions);
} // namespace NOxFlow

#endif
