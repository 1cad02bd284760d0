#ifndef noxflow_meshes_gdl_flow_cell_h
#define noxflow_meshes_gdl_flow_cell_h

#include <meshes/layer_stack.h>

namespace NOxFlow::Meshes
{
  /**
   * @brief GDL flow cell, a section along the flow (x) through the stack (y);
   * in 3D extruded over "Width" along z. Subsection "GDL flow cell".
   *
   * A catalyst layer on a gas-diffusion layer faces the flowing catholyte; a
   * membrane separates it from the anolyte, whose far wall is the anode. The
   * liquid channels and the membrane run through the inlet and outlet
   * sections (flow development, no electrode there); catalyst layer, GDL
   * and gas channel only span the active section.
   *
   * @verbatim
   *  y  anode (anolyte top, active section; wall elsewhere)
   *  ^ +------------+-----------------------------+-------------+
   *  | | anolyte    | anolyte                     | anolyte     | ->
   * anolyte_outlet | +------------+-----------------------------+-------------+
   *  | | membrane   | membrane                    | membrane    |
   *  | +------------+-----------------------------+-------------+
   *  | | catholyte  | catholyte                   | catholyte   | ->
   * catholyte_outlet |
   * +------------+-----------------------------+-------------+ |              |
   * catalyst_layer              | |              | gdl |  <- gas_side below it
   *  |              | gas_channel (optional)      | -> gas_outlet
   *  |              +-----------------------------+
   *  +-- inlet section | active section | outlet section --> x (flow)
   * @endverbatim
   *
   * Regions: gas_channel (if its thickness > 0), gdl, catalyst_layer,
   * catholyte, membrane, anolyte.
   *
   * Boundaries: catholyte_inlet, catholyte_outlet, anolyte_inlet,
   * anolyte_outlet (the channel ends at x = 0 and at the far end), anode;
   * without a gas channel gas_side (the back of the GDL, toward the gas
   * chamber and its current-collecting flow field), with one gas_inlet and
   * gas_outlet; wall for everything else (channel walls in the inlet and
   * outlet sections, ends of the membrane and porous layers, the gas
   * channel's back, and in 3D the side walls z = 0 and z = width).
   */
  struct GdlFlowCell
  {
    /// Defaults from published hardware (see meshes/README.md).
    GdlFlowCell();

    /// Along x.
    Slab inlet_section, active_section, outlet_section;
    /// Along y, bottom to top.
    Slab gas_channel, gdl, catalyst_layer, catholyte, membrane, anolyte;
    /// Along z in 3D.
    Extrusion extrusion;

    /// Declares subsection "GDL flow cell" (the caller enters "Geometry").
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads subsection "GDL flow cell" and checks it (InputError).
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
