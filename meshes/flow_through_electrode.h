#ifndef noxflow_meshes_flow_through_electrode_h
#define noxflow_meshes_flow_through_electrode_h

#include <meshes/layer_stack.h>

namespace NOxFlow::Meshes
{
  /**
   * @brief Flow-through electrode cell: electrolyte forced through a porous
   * cathode (Cu foam, carbon felt), then an electrolyte gap, optionally a
   * separator and an anolyte chamber, and the anode. A section along the
   * electrode (x) through the stack (y); in 3D extruded over "Width" along
   * z. Subsection "Flow-through electrode".
   *
   * Two variants ("Flow direction"):
   * - through-plane: the electrolyte enters through the back of the cathode
   *   (a perforated feeder plate or mesh, which is also the cathode's
   *   current collector), crosses it along y and leaves the gap sideways at
   *   both ends;
   * - in-plane: the electrolyte enters and leaves at the ends of the
   *   cathode and flows along it (x); the cathode's back is its current
   *   collector and the gap is stagnant.
   *
   * @verbatim
   *  y                     anode (top of the stack)
   *  ^ +---------------------------------------------+
   *  | | anolyte (optional)                          | anolyte_inlet/outlet
   *  | | separator (optional)                        |
   *  | | gap                                         | through-plane: outlet
   *  | | cathode (porous)                            | in-plane: inlet/outlet
   *  | +---------------------------------------------+
   *  |   through-plane: inlet; in-plane: cathode_collector
   *  +------------------- electrode section -----------------> x
   * @endverbatim
   *
   * Regions: cathode, gap, separator and anolyte (if thicker than 0).
   *
   * Boundaries: inlet, outlet, anode; cathode_collector (in-plane only);
   * anolyte_inlet and anolyte_outlet (with an anolyte chamber); wall for
   * everything else (layer ends that are not in- or outlets, in 3D the side
   * walls).
   */
  struct FlowThroughElectrode
  {
    enum class FlowDirection
    {
      through_plane,
      in_plane
    };

    /// Defaults from published hardware (see meshes/README.md).
    FlowThroughElectrode();

    FlowDirection flow_direction = FlowDirection::through_plane;
    /// Along x.
    Slab electrode_section;
    /// Along y, bottom to top.
    Slab cathode, gap, separator, anolyte;
    /// Along z in 3D.
    Extrusion extrusion;

    /// Declares subsection "Flow-through electrode" (the caller enters
    /// "Geometry").
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads subsection "Flow-through electrode" and checks it (InputError).
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Checks the layers and their combination (an anolyte chamber needs a
    /// separator); throws an InputError with the fix.
    void
    check() const;

    /// The layout the mesh is built from.
    LayerStack
    stack() const;

    /// Builds the coarse mesh into @p tria; returns its names.
    template <int dim>
    MeshNames
    create(dealii::Triangulation<dim, dim> &tria) const;
  };
} // namespace NOxFlow::Meshes

#endif
