// Gmsh import: physical names to regions and boundaries (MSH 2.2 and 4.1,
// 2D and 3D), measures, a distributed mesh, the required-name check and
// bad files.
#include <deal.II/base/config.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/tria.h>

#include <meshes/gmsh_mesh.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

#ifdef DEAL_II_GMSH_WITH_API
#  include <gmsh.h>
#endif

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "mesh_measures.h"

using namespace NOxFlow;
using namespace NOxFlow::Meshes;

namespace
{
  const std::string data =
    std::string(NOXFLOW_SOURCE_DIR) + "/tests/meshes/data";

  /// A scratch folder of this process (ranks run the tests side by side),
  /// removed at exit.
  struct ScratchFolder
  {
    const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("noxflow_gmsh_test_" + std::to_string(::getpid()));
    ScratchFolder()
    {
      std::filesystem::create_directories(path);
    }
    ~ScratchFolder()
    {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };

  std::string
  scratch(const std::string &name)
  {
    static const ScratchFolder folder;
    return (folder.path / name).string();
  }

  std::string
  write(const std::string &name, const std::string &content)
  {
    const std::string path = scratch(name);
    std::ofstream(path) << content;
    return path;
  }

  template <int dim>
  MeshNames
  import(const std::string &file, dealii::Triangulation<dim> &tria)
  {
    GmshMesh gmsh;
    gmsh.file = file;
    return gmsh.create(tria);
  }

  std::string
  error_of(const std::function<void()> &f)
  {
    try
      {
        f();
      }
    catch (const InputError &e)
      {
        return e.what();
      }
    return "(no InputError)";
  }

  // tests/meshes/data/two_regions.msh with its names swapped in.
  std::string
  two_regions_with(const std::string &names, const std::string &elements)
  {
    return "$MeshFormat\n2.2 0 8\n$EndMeshFormat\n$PhysicalNames\n" + names +
           "$EndPhysicalNames\n$Nodes\n6\n1 0 0 0\n2 0.002 0 0\n"
           "3 0.005 0 0\n4 0 0.001 0\n5 0.002 0.001 0\n6 0.005 0.001 0\n"
           "$EndNodes\n$Elements\n" +
           elements + "$EndElements\n";
  }

  const std::string two_region_elements = "5\n"
                                          "1 1 2 3 1 1 4\n"
                                          "2 1 2 4 2 3 6\n"
                                          "3 1 2 5 3 2 3\n"
                                          "4 3 2 1 1 1 2 5 4\n"
                                          "5 3 2 2 2 2 3 6 5\n";

  // One hexahedron [0, 1e-3]^3: volume "electrode", face x = 0 "inlet",
  // the other five faces in no group.
  const std::string one_hexahedron =
    "$MeshFormat\n2.2 0 8\n$EndMeshFormat\n$PhysicalNames\n2\n"
    "2 1 \"inlet\"\n3 2 \"electrode\"\n$EndPhysicalNames\n$Nodes\n8\n"
    "1 0 0 0\n2 0.001 0 0\n3 0.001 0.001 0\n4 0 0.001 0\n"
    "5 0 0 0.001\n6 0.001 0 0.001\n7 0.001 0.001 0.001\n8 0 0.001 0.001\n"
    "$EndNodes\n$Elements\n2\n"
    "1 3 2 1 1 1 4 8 5\n"
    "2 5 2 2 1 1 2 3 4 5 6 7 8\n$EndElements\n";
} // namespace

TEST(GmshMesh, TwoRegions2D)
{
  dealii::Triangulation<2> tria;
  const MeshNames          names = import(data + "/two_regions.msh", tria);
  EXPECT_EQ(tria.n_active_cells(), 2u);
  // Ids in the order of $PhysicalNames; the unlisted faces are "wall".
  EXPECT_EQ(names.regions.id("channel", "test"), 0u);
  EXPECT_EQ(names.regions.id("felt", "test"), 1u);
  EXPECT_EQ(names.boundaries.id("inlet", "test"), 0u);
  EXPECT_EQ(names.boundaries.id("wall", "test"), 3u);
  const MeshMeasures m = measure(tria, names);
  expect_measures(m.regions, {{"channel", 2e-6}, {"felt", 3e-6}}, "region");
  expect_measures(
    m.boundaries,
    {{"inlet", 1e-3}, {"outlet", 1e-3}, {"cathode", 3e-3}, {"wall", 7e-3}},
    "boundary");
}

TEST(GmshMesh, Hexahedron3D)
{
  dealii::Triangulation<3> tria;
  const MeshNames    names = import(write("hex.msh", one_hexahedron), tria);
  const MeshMeasures m     = measure(tria, names);
  expect_measures(m.regions, {{"electrode", 1e-9}}, "region");
  expect_measures(m.boundaries, {{"inlet", 1e-6}, {"wall", 5e-6}}, "boundary");
  EXPECT_EQ(names.region_noun, "physical volume");
  EXPECT_EQ(names.boundary_noun, "physical surface");
}

TEST(GmshMesh, Parameters)
{
  dealii::ParameterHandler prm;
  GmshMesh::declare_parameters(prm);
  prm.parse_input_from_string("subsection Gmsh\n"
                              "  set Mesh file = " +
                              data +
                              "/two_regions.msh\n"
                              "  set Unnamed boundary = plate\n"
                              "end\n");
  GmshMesh gmsh;
  gmsh.parse_parameters(prm);
  dealii::Triangulation<2> tria;
  const MeshNames          names = gmsh.create(tria);
  EXPECT_TRUE(names.boundaries.has("plate"));
  EXPECT_FALSE(names.boundaries.has("wall"));

  prm.parse_input_from_string("subsection Gmsh\n"
                              "  set Mesh file =\n"
                              "end\n");
  EXPECT_THROW(gmsh.parse_parameters(prm), InputError);
}

TEST(GmshMesh, MissingNameListsTheFilesNames)
{
  dealii::Triangulation<2> tria;
  const std::string        file  = data + "/two_regions.msh";
  const MeshNames          names = import(file, tria);
  names.require({"inlet", "outlet", "cathode", "felt"}, "Electrodes/Names");
  const std::string message = error_of([&] {
    names.require({"cathode", "anode"}, "Electrodes/Names");
  });
  EXPECT_NE(message.find("'Electrodes/Names = anode'"), std::string::npos)
    << message;
  EXPECT_NE(message.find(file + " has no physical group 'anode'; it has: "
                                "boundaries: cathode, inlet, outlet, wall; "
                                "regions: channel, felt."),
            std::string::npos)
    << message;
  EXPECT_NE(error_of([&] {
              names.require_boundaries({"felt"}, "Electrodes/Names");
            }).find("has no physical curve 'felt'"),
            std::string::npos);
}

TEST(GmshMesh, BadFiles)
{
  const auto expect = [](const std::string &file,
                         const std::string &part,
                         const unsigned int dim = 2) {
    const std::string message = error_of([&] {
      if (dim == 2)
        {
          dealii::Triangulation<2> tria;
          import(file, tria);
        }
      else
        {
          dealii::Triangulation<3> tria;
          import(file, tria);
        }
    });
    EXPECT_NE(message.find("Geometry/Gmsh/Mesh file = " + file),
              std::string::npos)
      << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
  };
  expect(scratch("does_not_exist.msh"), "cannot open the file");
  expect(write("msh1.msh", "$NOD\n1\n1 0 0 0\n$ENDNOD\n"),
         "does not start with $MeshFormat");
  expect(write("binary.msh", "$MeshFormat\n2.2 1 8\n$EndMeshFormat\n"),
         "the file is binary");
  expect(write("v3.msh", "$MeshFormat\n3 0 8\n$EndMeshFormat\n"), "not 3.0");
  expect(write("bad_name.msh",
               two_regions_with("1\n2 1 channel\n", two_region_elements)),
         "is not 'dimension tag \"name\"'");
  // Physical Curve 5 (the cathode) without a name.
  expect(write("unnamed_curve.msh",
               two_regions_with("4\n1 3 \"inlet\"\n1 4 \"outlet\"\n"
                                "2 1 \"channel\"\n2 2 \"felt\"\n",
                                two_region_elements)),
         "Physical Curve 5 has no name");
  // The felt cell in no physical group (tag 0).
  expect(write("no_group.msh",
               two_regions_with("4\n1 3 \"inlet\"\n1 4 \"outlet\"\n"
                                "1 5 \"cathode\"\n2 1 \"channel\"\n",
                                "5\n1 1 2 3 1 1 4\n2 1 2 4 2 3 6\n"
                                "3 1 2 5 3 2 3\n4 3 2 1 1 1 2 5 4\n"
                                "5 3 2 0 2 2 3 6 5\n")),
         "some cells are in no Physical Surface");
  // Two triangles.
  expect(write("triangles.msh",
               "$MeshFormat\n2.2 0 8\n$EndMeshFormat\n$PhysicalNames\n1\n"
               "2 1 \"channel\"\n$EndPhysicalNames\n$Nodes\n4\n1 0 0 0\n"
               "2 1 0 0\n3 1 1 0\n4 0 1 0\n$EndNodes\n$Elements\n2\n"
               "1 2 2 1 1 1 2 3\n2 2 2 1 1 1 3 4\n$EndElements\n"),
         "triangles or tetrahedra");
  // A physical curve inside the domain (deal.II 9.4 refuses boundary ids on
  // interior faces).
  expect(write("interior.msh",
               two_regions_with("6\n1 3 \"inlet\"\n1 4 \"outlet\"\n"
                                "1 5 \"cathode\"\n1 6 \"interface\"\n"
                                "2 1 \"channel\"\n2 2 \"felt\"\n",
                                "6\n1 1 2 3 1 1 4\n2 1 2 4 2 3 6\n"
                                "3 1 2 5 3 2 3\n4 1 2 6 6 2 5\n"
                                "5 3 2 1 1 1 2 5 4\n6 3 2 2 2 2 3 6 5\n")),
         "boundary id for an internal face");
  // A 2D file read as 3D.
  expect(data + "/two_regions.msh", "cannot read it as a 3D mesh", 3);
}

TEST(GmshMesh, Distributed)
{
  dealii::Triangulation<2> coarse;
  const MeshNames          names = import(data + "/two_regions.msh", coarse);
  dealii::parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  tria.copy_triangulation(coarse);
  tria.refine_global(2);
  const MeshMeasures m = measure(tria, names, MPI_COMM_WORLD);
  expect_measures(m.regions, {{"channel", 2e-6}, {"felt", 3e-6}}, "region");
  expect_measures(
    m.boundaries,
    {{"inlet", 1e-3}, {"outlet", 1e-3}, {"cathode", 3e-3}, {"wall", 7e-3}},
    "boundary");
}

#ifdef DEAL_II_GMSH_WITH_API
// The shipped meshes/geo/interdigitated_section.geo, meshed by the Gmsh
// library deal.II links, written as MSH 2.2 and 4.1 and imported.
TEST(GmshMesh, InterdigitatedSectionGeo)
{
  const std::string geo =
    std::string(NOXFLOW_SOURCE_DIR) + "/meshes/geo/interdigitated_section.geo";
  const std::string msh22 = scratch("interdigitated_22.msh");
  const std::string msh41 = scratch("interdigitated_41.msh");
  gmsh::initialize();
  gmsh::option::setNumber("General.Verbosity", 0);
  gmsh::open(geo);
  gmsh::model::mesh::generate(2);
  gmsh::option::setNumber("Mesh.MshFileVersion", 2.2);
  gmsh::write(msh22);
  gmsh::option::setNumber("Mesh.MshFileVersion", 4.1);
  gmsh::write(msh41);
  gmsh::finalize();

  const double wc = 1e-3, wr = 1e-3, hc = 1e-3, te = 0.4e-3;
  for (const auto &file : {msh22, msh41})
    {
      dealii::Triangulation<2> tria;
      const MeshNames          names = import(file, tria);
      EXPECT_EQ(tria.n_active_cells(), 2u * 8 * 8 + (2u * 8 + 16) * 8) << file;
      const MeshMeasures m = measure(tria, names);
      expect_measures(m.regions,
                      {{"flow_channel", wc * hc}, {"cathode", (wc + wr) * te}},
                      "region");
      expect_measures(m.boundaries,
                      {{"inlet", wc / 2},
                       {"outlet", wc / 2},
                       {"cathode_collector", wr},
                       {"membrane", wc + wr},
                       {"symmetry", 2 * (hc + te)},
                       {"wall", 2 * hc}},
                      "boundary");
    }
}
#endif
