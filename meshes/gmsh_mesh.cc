#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/tria.h>

#include <meshes/gmsh_mesh.h>
#include <physics/input_error.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  namespace
  {
    const std::string mesh_file_parameter = "Geometry/Gmsh/Mesh file";

    /// Next line that is not blank, without trailing blanks or '\r'.
    bool
    next_line(std::istream &in, std::string &line)
    {
      while (std::getline(in, line))
        {
          while (!line.empty() &&
                 std::isspace(static_cast<unsigned char>(line.back())))
            line.pop_back();
          const auto first = line.find_first_not_of(" \t");
          if (first != std::string::npos)
            {
              line.erase(0, first);
              return true;
            }
        }
      return false;
    }

    /// "Physical Surface" etc., as a .geo file writes it.
    std::string
    physical_keyword(const int dimension)
    {
      static const char *names[] = {"Physical Point",
                                    "Physical Curve",
                                    "Physical Surface",
                                    "Physical Volume"};
      return names[dimension];
    }

    std::string
    lower_case(std::string text)
    {
      for (auto &c : text)
        c = static_cast<char>(std::tolower(c));
      return text;
    }
  } // namespace

  std::vector<PhysicalName>
  read_physical_names(std::istream &in, const std::string &file)
  {
    const auto fail = [&file](const std::string &fix) {
      throw_input_error(mesh_file_parameter, file, fix);
    };
    const std::string save_as =
      "save the mesh as MSH 2.2 or 4.1 ASCII (gmsh -format msh22, or "
      "Mesh.MshFileVersion = 2.2; and Mesh.Binary = 0;).";
    std::string line;
    if (!next_line(in, line) || line != "$MeshFormat")
      fail("the file does not start with $MeshFormat, so it is no Gmsh MSH "
           "2 or 4 file: " +
           save_as);
    double version   = 0.;
    int    file_type = -1, data_size = 0;
    if (!next_line(in, line) ||
        !(std::istringstream(line) >> version >> file_type >> data_size))
      fail("the $MeshFormat line is unreadable: " + save_as);
    if (!((version >= 2. && version < 3.) || (version >= 4. && version <= 4.1)))
      fail("deal.II 9.4 reads MSH versions 2.x and 4.0-4.1, not " +
           std::to_string(version).substr(0, 3) + ": " + save_as);
    if (file_type != 0)
      fail("the file is binary; deal.II reads ASCII only: " + save_as);

    std::vector<PhysicalName> names;
    while (next_line(in, line) && line != "$Nodes")
      if (line == "$PhysicalNames")
        {
          unsigned int n = 0;
          if (!next_line(in, line) || !(std::istringstream(line) >> n))
            fail("the count after $PhysicalNames is unreadable.");
          for (unsigned int i = 0; i < n; ++i)
            {
              PhysicalName p;
              const bool   read = next_line(in, line) &&
                                static_cast<bool>(std::istringstream(line) >>
                                                  p.dimension >> p.tag);
              const auto open = line.find('"'), close = line.rfind('"');
              if (!read || open == std::string::npos || close <= open ||
                  p.dimension < 0 || p.dimension > 3)
                fail("line '" + line +
                     "' of $PhysicalNames is not 'dimension tag \"name\"'.");
              p.name = line.substr(open + 1, close - open - 1);
              names.push_back(p);
            }
          if (!next_line(in, line) || line != "$EndPhysicalNames")
            fail("$PhysicalNames does not end after its " + std::to_string(n) +
                 " names with $EndPhysicalNames.");
          break;
        }
    return names;
  }

  void
  GmshMesh::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Gmsh");
    prm.declare_entry(
      "Mesh file",
      "",
      Patterns::Anything(),
      "Gmsh mesh: ASCII MSH 2.2 or 4.1 of quadrilaterals (2D) or hexahedra "
      "(3D); named physical groups of the mesh dimension are regions, those "
      "one dimension lower boundaries.");
    prm.declare_entry(
      "Unnamed boundary",
      "wall",
      Patterns::Anything(),
      "Name of the boundary faces that are in no physical group.");
    prm.leave_subsection();
  }

  void
  GmshMesh::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Gmsh");
    file             = prm.get("Mesh file");
    unnamed_boundary = prm.get("Unnamed boundary");
    prm.leave_subsection();
    if (file.empty())
      throw_input_error(mesh_file_parameter,
                        file,
                        "give the path of a Gmsh .msh file.");
    if (unnamed_boundary.empty())
      throw_input_error("Geometry/Gmsh/Unnamed boundary",
                        unnamed_boundary,
                        "give a name, e.g. wall.");
  }

  template <int dim>
  MeshNames
  GmshMesh::create(Triangulation<dim, dim> &tria) const
  {
    const auto fail = [this](const std::string &fix) {
      throw_input_error(mesh_file_parameter, file, fix);
    };
    std::ifstream in(file);
    if (!in)
      fail("cannot open the file; give the path of an existing .msh file.");
    const std::vector<PhysicalName> physical = read_physical_names(in, file);
    in.clear();
    in.seekg(0);
    try
      {
        GridIn<dim> reader;
        reader.attach_triangulation(tria);
        reader.read_msh(in);
      }
    catch (const ExceptionBase &e)
      {
        std::ostringstream info;
        e.print_info(info);
        // deal.II's message on one line.
        std::string text, word;
        for (std::istringstream words(info.str()); words >> word;)
          text += (text.empty() ? "" : " ") + word;
        fail("deal.II cannot read it as a " + std::to_string(dim) + "D mesh (" +
             text +
             "); check that Geometry/Dimension matches the file, that its "
             "cells are quadrilaterals or hexahedra, and that no physical "
             "group of dimension " +
             std::to_string(dim - 1) +
             " lies inside the domain (names of interior faces are not "
             "supported).");
      }
    if (!tria.all_reference_cells_are_hyper_cube())
      fail("the mesh has triangles or tetrahedra; NOxFlow needs "
           "quadrilaterals (2D) or hexahedra (3D): recombine it "
           "(Transfinite Surface and Recombine Surface, Mesh.RecombineAll = "
           "1, or in 3D Extrude with Layers and Recombine).");

    const std::string region_keyword   = physical_keyword(dim);
    const std::string boundary_keyword = physical_keyword(dim - 1);
    MeshNames         names;
    names.source        = file;
    names.region_noun   = lower_case(region_keyword);
    names.boundary_noun = lower_case(boundary_keyword);
    names.group_noun    = "physical group";

    std::map<int, std::string> region_of_tag, boundary_of_tag;
    for (const auto &p : physical)
      if (p.dimension == dim)
        region_of_tag[p.tag] = p.name;
      else if (p.dimension == dim - 1)
        boundary_of_tag[p.tag] = p.name;

    std::set<types::material_id> used_materials;
    std::set<types::boundary_id> used_boundaries;
    for (const auto &cell : tria.active_cell_iterators())
      {
        used_materials.insert(cell->material_id());
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            used_boundaries.insert(face->boundary_id());
      }
    // deal.II gives tag 0 to cells and faces in no physical group (Gmsh
    // tags start at 1).
    for (const auto m : used_materials)
      if (region_of_tag.count(m) == 0)
        fail(m == 0 ? "some cells are in no " + region_keyword +
                        "; put every cell into a named one, e.g. " +
                        region_keyword + "(\"channel\") = {1, 2};" :
                      region_keyword + " " + std::to_string(m) +
                        " has no name; name it, e.g. " + region_keyword +
                        "(\"channel\", " + std::to_string(m) + ") = {...};");
    for (const auto b : used_boundaries)
      if (b != 0 && boundary_of_tag.count(b) == 0)
        fail(boundary_keyword + " " + std::to_string(b) +
             " has no name; name it, e.g. " + boundary_keyword +
             "(\"inlet\", " + std::to_string(b) + ") = {...};");

    // New ids in the order of $PhysicalNames.
    std::map<types::material_id, types::material_id> material;
    std::map<types::boundary_id, types::boundary_id> boundary;
    for (const auto &p : physical)
      if (p.dimension == dim && used_materials.count(p.tag) > 0)
        material[p.tag] = names.regions.add(p.name);
      else if (p.dimension == dim - 1 && used_boundaries.count(p.tag) > 0)
        boundary[p.tag] = names.boundaries.add(p.name);
    if (used_boundaries.count(0) > 0)
      boundary[0] = names.boundaries.add(unnamed_boundary);

    // Every cell and every boundary face is visited once, so each id is
    // mapped from its value in the file.
    for (const auto &cell : tria.active_cell_iterators())
      {
        cell->set_material_id(material.at(cell->material_id()));
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            face->set_boundary_id(boundary.at(face->boundary_id()));
      }
    return names;
  }

  template MeshNames
  GmshMesh::create(Triangulation<2, 2> &) const;
  template MeshNames
  GmshMesh::create(Triangulation<3, 3> &) const;
} // namespace NOxFlow::Meshes
