#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <meshes/zero_gap_mea.h>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  ZeroGapMea::ZeroGapMea()
  {
    inlet_land = make_section(
      "inlet_land",
      "Inlet land",
      1e-3,
      4,
      1.,
      "Land of the cathode plate before the channel, touching the cathode");
    inlet_land.optional      = true;
    inlet_land.fine_at_start = false;
    inlet_land.fine_toward   = "the channel";
    channel_section =
      make_section("channel",
                   "Channel section",
                   1e-2,
                   40,
                   2.,
                   "Length of the flow-field channel along the cathode (1 cm)");
    channel_section.fine_toward = "the channel ends";
    outlet_land                 = make_section(
      "outlet_land",
      "Outlet land",
      1e-3,
      4,
      1.,
      "Land of the cathode plate after the channel, touching the cathode");
    outlet_land.optional    = true;
    outlet_land.fine_at_end = false;
    outlet_land.fine_toward = "the channel";

    flow_channel             = make_layer("flow_channel",
                              "Flow channel",
                              1e-3,
                              16,
                              4.,
                              "Depth of the flow-field channel (serpentine "
                                          "flow fields: 0.5-1 mm)");
    flow_channel.fine_toward = "the floor and the cathode";
    cathode                  = make_layer(
      "cathode",
      "Cathode",
      190e-6,
      8,
      2.,
      "Porous cathode (Cu on Toray TGP-H-060 carbon paper: 190 um, porosity "
                       "0.78)");
    cathode.fine_toward = "the channel and the membrane";
    membrane =
      make_layer("membrane", "Membrane", 183e-6, 4, 1., "Nafion 117: 183 um");
    anode = make_layer(
      "anode",
      "Anode",
      250e-6,
      6,
      1.,
      "Porous anode (Ti fibre felt or Ni foam, 0.25-1.6 mm; 250 um felt)");
    extrusion.width = 1e-2;
    extrusion.cells = 4;
  }

  LayerStack
  ZeroGapMea::stack() const
  {
    return {"Zero-gap MEA",
            {inlet_land, channel_section, outlet_land},
            {flow_channel, cathode, membrane, anode},
            extrusion};
  }

  void
  ZeroGapMea::declare_parameters(ParameterHandler &prm)
  {
    ZeroGapMea().stack().declare(prm);
  }

  void
  ZeroGapMea::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection(stack().name);
    for (Slab *s : {&inlet_land,
                    &channel_section,
                    &outlet_land,
                    &flow_channel,
                    &cathode,
                    &membrane,
                    &anode})
      s->parse(prm);
    extrusion.parse(prm);
    prm.leave_subsection();
    stack().check();
  }

  template <int dim>
  MeshNames
  ZeroGapMea::create(Triangulation<dim, dim> &tria) const
  {
    const auto region = [](const Slab &section, const Slab &layer) {
      return (layer.name != "flow_channel" || section.name == "channel") ?
               layer.name :
               "";
    };
    const auto boundary =
      [](const Slab &section, const Slab &layer, const Side side) {
        if (layer.name == "flow_channel" && side == Side::x_min)
          return "inlet";
        if (layer.name == "flow_channel" && side == Side::x_max)
          return "outlet";
        if (layer.name == "cathode" && side == Side::y_min &&
            section.name != "channel")
          return "cathode_collector";
        if (layer.name == "anode" && side == Side::y_max)
          return "anode_collector";
        return "wall";
      };
    return stack().create(tria, region, boundary);
  }

  template MeshNames
  ZeroGapMea::create(Triangulation<2, 2> &) const;
  template MeshNames
  ZeroGapMea::create(Triangulation<3, 3> &) const;
} // namespace NOxFlow::Meshes
