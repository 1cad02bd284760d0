#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <meshes/gdl_flow_cell.h>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  GdlFlowCell::GdlFlowCell()
  {
    inlet_section =
      make_section("inlet",
                   "Inlet section",
                   2e-3,
                   8,
                   1.,
                   "Liquid channels before the electrodes (flow development)");
    inlet_section.optional      = true;
    inlet_section.fine_at_start = false;
    inlet_section.fine_toward   = "the active section";
    active_section              = make_section(
      "active",
      "Active section",
      1e-2,
      40,
      2.,
      "Length of catalyst layer, GDL and anode along the flow (1 cm: a 1 cm2 cell)");
    active_section.fine_toward = "the electrode edges";
    outlet_section             = make_section("outlet",
                                  "Outlet section",
                                  2e-3,
                                  8,
                                  1.,
                                  "Liquid channels after the electrodes");
    outlet_section.optional    = true;
    outlet_section.fine_at_end = false;
    outlet_section.fine_toward = "the active section";

    gas_channel = make_layer(
      "gas_channel",
      "Gas channel",
      0.,
      8,
      1.,
      "Gas channel behind the GDL (e.g. for an NO feed; flow fields are about 1 mm deep)");
    gas_channel.optional = true;
    gdl                  = make_layer("gdl",
                     "GDL",
                     190e-6,
                     6,
                     1.,
                     "Gas-diffusion layer (Toray TGP-H-060: 190 um, porosity "
                                      "0.78, permeability 1e-11 m2)");
    catalyst_layer       = make_layer(
      "catalyst_layer",
      "Catalyst layer",
      10e-6,
      2,
      1.,
      "Catalyst layer on the GDL (sprayed Cu catalyst layers: 5-20 um)");
    catholyte = make_layer(
      "catholyte",
      "Catholyte",
      1.5e-3,
      24,
      4.,
      "Catholyte channel between catalyst layer and membrane (PTFE frames of "
      "flow cells: 1-3 mm)");
    catholyte.fine_toward = "the catalyst layer and the membrane";
    membrane =
      make_layer("membrane", "Membrane", 183e-6, 4, 1., "Nafion 117: 183 um");
    anolyte             = make_layer("anolyte",
                         "Anolyte",
                         1.5e-3,
                         16,
                         4.,
                         "Anolyte channel between membrane and anode");
    anolyte.fine_toward = "the membrane and the anode";
    extrusion.width     = 1e-2;
    extrusion.cells     = 4;
  }

  LayerStack
  GdlFlowCell::stack() const
  {
    return {"GDL flow cell",
            {inlet_section, active_section, outlet_section},
            {gas_channel, gdl, catalyst_layer, catholyte, membrane, anolyte},
            extrusion};
  }

  void
  GdlFlowCell::declare_parameters(ParameterHandler &prm)
  {
    GdlFlowCell().stack().declare(prm);
  }

  void
  GdlFlowCell::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection(stack().name);
    for (Slab *s : {&inlet_section,
                    &active_section,
                    &outlet_section,
                    &gas_channel,
                    &gdl,
                    &catalyst_layer,
                    &catholyte,
                    &membrane,
                    &anolyte})
      s->parse(prm);
    extrusion.parse(prm);
    prm.leave_subsection();
    stack().check();
  }

  template <int dim>
  MeshNames
  GdlFlowCell::create(Triangulation<dim, dim> &tria) const
  {
    const auto region = [](const Slab &section, const Slab &layer) {
      const bool liquid = layer.name == "catholyte" ||
                          layer.name == "anolyte" || layer.name == "membrane";
      return (section.name == "active" || liquid) ? layer.name : "";
    };
    const auto boundary =
      [](const Slab &section, const Slab &layer, const Side side) {
        const bool start = side == Side::x_min, end = side == Side::x_max;
        if (layer.name == "catholyte" && (start || end))
          return start ? "catholyte_inlet" : "catholyte_outlet";
        if (layer.name == "anolyte" && (start || end))
          return start ? "anolyte_inlet" : "anolyte_outlet";
        if (layer.name == "anolyte" && side == Side::y_max &&
            section.name == "active")
          return "anode";
        if (layer.name == "gas_channel" && (start || end))
          return start ? "gas_inlet" : "gas_outlet";
        if (layer.name == "gdl" && side == Side::y_min)
          return "gas_side";
        return "wall";
      };
    return stack().create(tria, region, boundary);
  }

  template MeshNames
  GdlFlowCell::create(Triangulation<2, 2> &) const;
  template MeshNames
  GdlFlowCell::create(Triangulation<3, 3> &) const;
} // namespace NOxFlow::Meshes
