#ifndef noxflow_meshes_gmsh_mesh_h
#define noxflow_meshes_gmsh_mesh_h

#include <meshes/mesh_names.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii

namespace NOxFlow::Meshes
{
  /// A named physical group of a Gmsh file: "dimension tag name".
  struct PhysicalName
  {
    int         dimension = 0;
    int         tag       = 0;
    std::string name;
  };

  /**
   * @brief Reads the header and the $PhysicalNames section of a Gmsh .msh
   * from @p in. Accepts the ASCII formats deal.II 9.4 reads (MSH 2.x and
   * 4.0/4.1); throws an InputError naming @p file for anything else (MSH 1,
   * binary, other versions, a malformed name line).
   */
  std::vector<PhysicalName>
  read_physical_names(std::istream &in, const std::string &file);

  /**
   * @brief A mesh from Gmsh (subsection "Gmsh"): an ASCII .msh, version 2.2
   * or 4.1, of quadrilaterals (2D) or hexahedra (3D), e.g. from
   * `gmsh -2 -format msh22 meshes/geo/interdigitated_section.geo`.
   *
   * Named physical groups become names: dim-dimensional groups (Physical
   * Surface in 2D, Physical Volume in 3D) regions (material ids), (dim-1)-
   * dimensional ones (Physical Curve in 2D, Physical Surface in 3D)
   * boundaries. Ids are numbered anew in the order of $PhysicalNames; only
   * groups that carry cells or boundary faces are listed. Boundary faces in
   * no physical group get the name "Unnamed boundary" (default "wall").
   * Every cell must be in a named group; groups on interior faces are not
   * supported by deal.II 9.4's reader.
   */
  struct GmshMesh
  {
    /// The .msh file (as given; a relative path is relative to the working
    /// directory of the process).
    std::string file;
    /// Name of boundary faces that are in no physical group.
    std::string unnamed_boundary = "wall";

    /// Declares subsection "Gmsh" (the caller enters "Geometry").
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * @brief Reads @p file into @p tria (which must be empty) and returns
     * its names; MeshNames::require() then says which physical group a case
     * needs that the file lacks. Throws an InputError with the fix for a
     * missing or unreadable file, triangles or tetrahedra, cells in no
     * named group, and a group without a name.
     */
    template <int dim>
    MeshNames
    create(dealii::Triangulation<dim, dim> &tria) const;
  };
} // namespace NOxFlow::Meshes

#endif
