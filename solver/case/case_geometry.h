#ifndef noxflow_solver_case_case_geometry_h
#define noxflow_solver_case_case_geometry_h

#include <meshes/channel.h>
#include <meshes/flow_through_electrode.h>
#include <meshes/gdl_flow_cell.h>
#include <meshes/gmsh_mesh.h>
#include <meshes/mesh_names.h>
#include <meshes/zero_gap_mea.h>

#include <string>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  /**
   * @brief The geometry a case file asks for (subsection "Geometry", entry
   * "Type"): the parallel-plate channel, one of the three cell
   * architectures, or a Gmsh file. Every builder's subsection is declared,
   * only the chosen one is read and checked.
   */
  struct CaseGeometry
  {
    /// "channel", "GDL flow cell", "Zero-gap MEA", "Flow-through electrode"
    /// or "Gmsh".
    std::string                  type = "channel";
    Meshes::ChannelGeometry      channel;
    Meshes::GdlFlowCell          gdl_flow_cell;
    Meshes::ZeroGapMea           zero_gap_mea;
    Meshes::FlowThroughElectrode flow_through_electrode;
    Meshes::GmshMesh             gmsh;
    /// Depth of a 2D Gmsh section (m), for flow rates and totals per cell.
    double gmsh_depth = 1e-2;

    /// Declares "Type" and every builder's subsection (the caller enters
    /// "Geometry").
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /// Reads "Type" and the chosen builder's subsection (InputError).
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Builds the coarse mesh of the chosen geometry into @p tria.
    template <int dim>
    Meshes::MeshNames
    create(dealii::Triangulation<dim, dim> &tria) const;

    /// Depth of a 2D section (m): the channel width or the builder's
    /// "Width"; 2D results per metre of depth are scaled by it where a
    /// total (flow rate in mL/min) is reported.
    double
    depth() const;
  };
} // namespace NOxFlow

#endif
