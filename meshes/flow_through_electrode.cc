#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <meshes/flow_through_electrode.h>
#include <physics/input_error.h>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  FlowThroughElectrode::FlowThroughElectrode()
  {
    electrode_section =
      make_section("electrode",
                   "Electrode section",
                   1e-2,
                   40,
                   2.,
                   "Length of the electrodes along x (1 cm: a 1 cm2 cell)");
    electrode_section.fine_toward = "the electrode edges";

    cathode = make_layer(
      "cathode",
      "Cathode",
      1e-3,
      16,
      2.,
      "Porous cathode (Cu foam sheets: 1-1.6 mm; carbon felt: 3-6 mm)");
    cathode.fine_toward = "its back and the gap";
    gap                 = make_layer("gap",
                     "Gap",
                     1e-3,
                     12,
                     2.,
                     "Electrolyte gap between cathode and separator (or "
                                     "anode without a separator)");
    gap.fine_toward     = "the cathode and the separator";
    separator           = make_layer("separator",
                           "Separator",
                           183e-6,
                           4,
                           1.,
                           "Separator membrane (Nafion 117: 183 um)");
    separator.optional  = true;
    anolyte             = make_layer("anolyte",
                         "Anolyte",
                         1e-3,
                         8,
                         2.,
                         "Anolyte chamber between separator and anode (needs "
                                     "a separator)");
    anolyte.optional    = true;
    anolyte.fine_toward = "the separator and the anode";
    extrusion.width     = 1e-2;
    extrusion.cells     = 4;
  }

  LayerStack
  FlowThroughElectrode::stack() const
  {
    return {"Flow-through electrode",
            {electrode_section},
            {cathode, gap, separator, anolyte},
            extrusion};
  }

  void
  FlowThroughElectrode::declare_parameters(ParameterHandler &prm)
  {
    const LayerStack defaults = FlowThroughElectrode().stack();
    defaults.declare(prm);
    prm.enter_subsection(defaults.name);
    prm.declare_entry(
      "Flow direction",
      "through-plane",
      Patterns::Selection("through-plane|in-plane"),
      "through-plane: in through the back of the cathode, out of the gap at "
      "both ends; in-plane: in and out at the ends of the cathode, along "
      "it.");
    prm.leave_subsection();
  }

  void
  FlowThroughElectrode::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection(stack().name);
    for (Slab *s : {&electrode_section, &cathode, &gap, &separator, &anolyte})
      s->parse(prm);
    extrusion.parse(prm);
    flow_direction = prm.get("Flow direction") == "in-plane" ?
                       FlowDirection::in_plane :
                       FlowDirection::through_plane;
    prm.leave_subsection();
    check();
  }

  void
  FlowThroughElectrode::check() const
  {
    const LayerStack s = stack();
    s.check();
    if (anolyte.present() && !separator.present())
      throw_input_error("Geometry/" + s.name + "/Anolyte/Thickness",
                        anolyte.length,
                        "without a separator the gap reaches the anode: set "
                        "the anolyte thickness to 0, or give the separator a "
                        "thickness.");
  }

  template <int dim>
  MeshNames
  FlowThroughElectrode::create(Triangulation<dim, dim> &tria) const
  {
    check();
    const bool through = flow_direction == FlowDirection::through_plane;
    const auto region  = [](const Slab &, const Slab &layer) {
      return layer.name;
    };
    const auto boundary =
      [through](const Slab &, const Slab &layer, const Side side) {
        const bool ends = side == Side::x_min || side == Side::x_max;
        if (side == Side::y_max)
          return "anode";
        if (layer.name == "cathode" && side == Side::y_min)
          return through ? "inlet" : "cathode_collector";
        if (layer.name == "cathode" && ends && !through)
          return side == Side::x_min ? "inlet" : "outlet";
        if (layer.name == "gap" && ends && through)
          return "outlet";
        if (layer.name == "anolyte" && ends)
          return side == Side::x_min ? "anolyte_inlet" : "anolyte_outlet";
        return "wall";
      };
    return stack().create(tria, region, boundary);
  }

  template MeshNames
  FlowThroughElectrode::create(Triangulation<2, 2> &) const;
  template MeshNames
  FlowThroughElectrode::create(Triangulation<3, 3> &) const;
} // namespace NOxFlow::Meshes
