#include <deal.II/base/parameter_handler.h>

#include <physics/input_error.h>
#include <physics/parameter_list.h>
#include <solver/case/electrolyte_regions.h>
#include <solver/flow/flow_settings.h>

#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  void
  MembraneSettings::declare_parameters(ParameterHandler               &prm,
                                       const std::vector<std::string> &names)
  {
    prm.enter_subsection("Membranes");
    prm.declare_entry("Names",
                      "",
                      Patterns::List(Patterns::Anything()),
                      "Ion-exchange membranes and ionomers, each with a "
                      "subsection of its own name.");
    for (const auto &name : names)
      {
        prm.enter_subsection(name);
        prm.declare_entry("Regions",
                          "",
                          Patterns::List(Patterns::Anything()),
                          "Mesh regions the membrane (or ionomer) fills.");
        prm.declare_entry("Type",
                          "cation exchange",
                          Patterns::Selection("cation exchange|anion exchange"),
                          "cation exchange (fixed negative groups, Nafion) or "
                          "anion exchange (fixed positive groups).");
        prm.declare_entry("Fixed charge concentration",
                          "1200",
                          Patterns::Double(),
                          "Fixed ionic groups per volume of electrolyte in "
                          "the polymer, mol/m3 (Nafion about 1200), >= 0.");
        prm.declare_entry("Diffusivity factor",
                          "0.25",
                          Patterns::Double(),
                          "D in the membrane / D in water, in (0, 1].");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<std::string>
  MembraneSettings::parse_names(ParameterHandler &prm)
  {
    prm.enter_subsection("Membranes");
    const auto names = parameter_list(prm.get("Names"));
    prm.leave_subsection();
    return names;
  }

  void
  MembraneSettings::parse_parameters(ParameterHandler  &prm,
                                     const std::string &membrane)
  {
    const std::string path = "Membranes/" + membrane + "/";
    prm.enter_subsection("Membranes");
    prm.enter_subsection(membrane);
    name                = membrane;
    regions             = parameter_list(prm.get("Regions"));
    fixed_charge_sign   = prm.get("Type") == "anion exchange" ? 1 : -1;
    fixed_concentration = prm.get_double("Fixed charge concentration");
    diffusivity_factor  = prm.get_double("Diffusivity factor");
    prm.leave_subsection();
    prm.leave_subsection();
    if (regions.empty())
      throw_input_error(path + "Regions",
                        "",
                        "name the mesh regions the membrane fills.");
    if (!(fixed_concentration >= 0.))
      throw_input_error(path + "Fixed charge concentration",
                        fixed_concentration,
                        "give the fixed ionic groups in mol/m3, >= 0.");
    if (!(diffusivity_factor > 0. && diffusivity_factor <= 1.))
      throw_input_error(path + "Diffusivity factor",
                        diffusivity_factor,
                        "must lie in (0, 1].");
  }

  std::map<types::material_id, ElectrolyteRegion>
  electrolyte_regions(const std::vector<PorousMediumSettings> &porous_media,
                      const std::vector<MembraneSettings>     &membranes,
                      const Meshes::NamedRegions              &regions)
  {
    std::map<types::material_id, ElectrolyteRegion> result;
    for (const auto &p : porous_media)
      for (const auto &region : p.regions)
        result[regions.id(region, "Flow/Porous media/" + p.name + "/Regions")]
          .diffusivity_factor *= std::pow(p.medium.porosity, 1.5);
    for (const auto &m : membranes)
      for (const auto &region : m.regions)
        {
          auto &r =
            result[regions.id(region, "Membranes/" + m.name + "/Regions")];
          r.diffusivity_factor *= m.diffusivity_factor;
          r.fixed_charge = m.fixed_charge_sign * m.fixed_concentration;
        }
    return result;
  }
} // namespace NOxFlow
