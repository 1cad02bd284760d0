#ifndef noxflow_meshes_zero_gap_mea_h
#define noxflow_meshes_zero_gap_mea_h

#include <meshes/layer_stack.h>

namespace NOxFlow::Meshes
{
  /**
   * @brief Zero-gap (MEA) cell, a section along one flow-field channel (x)
   * through the stack (y); in 3D extruded over "Width" along z. Subsection
   * "Zero-gap MEA".
   *
   * The porous cathode is pressed onto the membrane, the porous anode onto
   * its other side; electrolyte flows in the flow-field channel along the
   * cathode. The channel is cut into the cathode plate: it spans the active
   * section, and the plate touches the cathode on the lands before and after
   * it (the cathode current collector). The anode's back is the anode
   * plate.
   *
   * @verbatim
   *  y              anode_collector (anode back, whole length)
   *  ^ +-----------+---------------------------------+------------+
   *  | | anode     | anode                           | anode      |
   *  | | membrane  | membrane                        | membrane   |
   *  | | cathode   | cathode                         | cathode    |
   *  | +-----------+---------------------------------+------------+
   *  |  cathode_   | flow_channel                    |  cathode_
   *  |  collector  inlet ->                   -> outlet  collector
   *  |             +---------------------------------+
   *  +-- inlet land | channel section | outlet land --> x (flow)
   * @endverbatim
   *
   * Regions: flow_channel, cathode, membrane, anode.
   *
   * Boundaries: inlet and outlet (the channel's ends, where the plate's
   * ports are), cathode_collector (the cathode's back on the lands; absent
   * without lands), anode_collector, wall (the channel floor, the ends of
   * the porous layers and membrane, in 3D the side walls).
   */
  struct ZeroGapMea
  {
    /// Defaults from published hardware (see meshes/README.md).
    ZeroGapMea();

    /// Along x.
    Slab inlet_land, channel_section, outlet_land;
    /// Along y, bottom to top.
    Slab flow_channel, cathode, membrane, anode;
    /// Along z in 3D.
    Extrusion extrusion;

    /// Declares subsection "Zero-gap MEA" (the caller enters "Geometry").
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads subsection "Zero-gap MEA" and checks it (InputError).
    void
    parse_parameters(dealii::ParameterHandler &prm);

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
