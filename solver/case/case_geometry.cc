#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <physics/input_error.h>
#include <solver/case/case_geometry.h>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    const char *const type_names =
      "channel|GDL flow cell|Zero-gap MEA|Flow-through electrode|Gmsh";

    /// The channel's names: its boundaries and the one region "channel".
    template <int dim>
    Meshes::MeshNames
    channel_names(const Meshes::ChannelGeometry &channel,
                  Triangulation<dim, dim>       &tria)
    {
      Meshes::MeshNames names;
      names.boundaries = channel.create(tria);
      for (const auto &[region, id] : Meshes::ChannelGeometry::regions())
        if (names.regions.add(region) != id)
          throw std::logic_error("channel region ids are not numbered 0..");
      names.source = "the geometry 'channel'";
      return names;
    }
  } // namespace

  void
  CaseGeometry::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry(
      "Type",
      "channel",
      Patterns::Selection(type_names),
      "Geometry builder: the parallel-plate channel (subsection Channel), "
      "a cell architecture (subsections GDL flow cell, Zero-gap MEA, "
      "Flow-through electrode) or a Gmsh .msh (subsection Gmsh).");
    Meshes::ChannelGeometry::declare_parameters(prm);
    Meshes::GdlFlowCell::declare_parameters(prm);
    Meshes::ZeroGapMea::declare_parameters(prm);
    Meshes::FlowThroughElectrode::declare_parameters(prm);
    Meshes::GmshMesh::declare_parameters(prm);
    prm.enter_subsection("Gmsh");
    prm.declare_entry("Depth",
                      "1e-2",
                      Patterns::Double(0.),
                      "Depth of a 2D section, m: flow rates (mL/min) and "
                      "currents of the 2D run refer to this depth.");
    prm.leave_subsection();
  }

  void
  CaseGeometry::parse_parameters(ParameterHandler &prm)
  {
    type = prm.get("Type");
    // Only the chosen builder is read, so defaults of the others can never
    // fail a case.
    if (type == "channel")
      channel.parse_parameters(prm);
    else if (type == "GDL flow cell")
      gdl_flow_cell.parse_parameters(prm);
    else if (type == "Zero-gap MEA")
      zero_gap_mea.parse_parameters(prm);
    else if (type == "Flow-through electrode")
      flow_through_electrode.parse_parameters(prm);
    else
      {
        gmsh.parse_parameters(prm);
        prm.enter_subsection("Gmsh");
        gmsh_depth = prm.get_double("Depth");
        prm.leave_subsection();
        if (!(gmsh_depth > 0.))
          throw_input_error("Geometry/Gmsh/Depth",
                            gmsh_depth,
                            "give the depth of the 2D section in m, > 0.");
      }
  }

  template <int dim>
  Meshes::MeshNames
  CaseGeometry::create(Triangulation<dim, dim> &tria) const
  {
    if (type == "channel")
      return channel_names(channel, tria);
    if (type == "GDL flow cell")
      return gdl_flow_cell.create(tria);
    if (type == "Zero-gap MEA")
      return zero_gap_mea.create(tria);
    if (type == "Flow-through electrode")
      return flow_through_electrode.create(tria);
    return gmsh.create(tria);
  }

  double
  CaseGeometry::depth() const
  {
    if (type == "channel")
      return channel.width;
    if (type == "GDL flow cell")
      return gdl_flow_cell.extrusion.width;
    if (type == "Zero-gap MEA")
      return zero_gap_mea.extrusion.width;
    if (type == "Flow-through electrode")
      return flow_through_electrode.extrusion.width;
    return gmsh_depth;
  }

  template Meshes::MeshNames
  CaseGeometry::create(Triangulation<2, 2> &) const;
  template Meshes::MeshNames
  CaseGeometry::create(Triangulation<3, 3> &) const;
} // namespace NOxFlow
