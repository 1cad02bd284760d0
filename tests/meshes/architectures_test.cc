// The layered cell geometries (GDL flow cell, zero-gap MEA, flow-through
// electrode): region and boundary measures against the layer thicknesses
// and lengths, grading, distributed meshes, parameters and bad input.
#include <deal.II/base/parameter_handler.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/tria.h>

#include <meshes/flow_through_electrode.h>
#include <meshes/gdl_flow_cell.h>
#include <meshes/zero_gap_mea.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

#include "mesh_measures.h"

using namespace NOxFlow;
using namespace NOxFlow::Meshes;

namespace
{
  /// 2D measures (m2 per m of depth, m per m of depth).
  struct Expected
  {
    std::map<std::string, double> regions;
    std::map<std::string, double> boundaries;
  };

  /// The 3D measures of a 2D section extruded over @p width: everything
  /// times the width, and the two side walls z = 0, width are walls.
  Expected
  extrude(const Expected &section, const double width)
  {
    Expected result = section;
    double   area   = 0.;
    for (auto &[name, value] : result.regions)
      {
        area += value;
        value *= width;
      }
    for (auto &[name, value] : result.boundaries)
      value *= width;
    result.boundaries["wall"] += 2. * area;
    return result;
  }

  template <int dim, typename Geometry>
  void
  check_measures(const Geometry &geometry, const Expected &section)
  {
    dealii::Triangulation<dim> tria;
    const MeshNames            names = geometry.create(tria);
    const MeshMeasures         m     = measure(tria, names);
    const Expected             e =
      dim == 2 ? section : extrude(section, geometry.extrusion.width);
    expect_measures(m.regions, e.regions, "region");
    expect_measures(m.boundaries, e.boundaries, "boundary");
  }

  /// Largest/smallest cell extent along @p direction over the cells of
  /// @p region.
  template <int dim>
  double
  grading_of(const dealii::Triangulation<dim> &tria,
             const NamedRegions               &regions,
             const std::string                &region,
             const unsigned int                direction)
  {
    double smallest = 1e300, largest = 0.;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->material_id() == regions.id(region, "test"))
        {
          const double h = cell->extent_in_direction(direction);
          smallest       = std::min(smallest, h);
          largest        = std::max(largest, h);
        }
    return largest / smallest;
  }

  /// A distributed mesh from the coarse mesh, refined once, has the same
  /// measures (summed over the ranks) and every rank owns cells.
  template <int dim, typename Geometry>
  void
  check_distributed(const Geometry &geometry, const Expected &section)
  {
    dealii::Triangulation<dim> coarse;
    const MeshNames            names = geometry.create(coarse);
    dealii::parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    tria.copy_triangulation(coarse);
    tria.refine_global(1);
    EXPECT_EQ(tria.n_global_active_cells(),
              coarse.n_active_cells() * (1u << dim));
    EXPECT_GT(tria.n_locally_owned_active_cells(), 0u);
    const MeshMeasures m = measure(tria, names, MPI_COMM_WORLD);
    const Expected     e =
      dim == 2 ? section : extrude(section, geometry.extrusion.width);
    expect_measures(m.regions, e.regions, "region");
    expect_measures(m.boundaries, e.boundaries, "boundary");
  }

  /// Runs @p f and expects an InputError whose message has every one of
  /// @p parts.
  template <typename F>
  void
  expect_input_error(const F &f, const std::vector<std::string> &parts)
  {
    try
      {
        f();
        ADD_FAILURE() << "no InputError";
      }
    catch (const InputError &e)
      {
        for (const auto &part : parts)
          EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
            << "'" << part << "' not in: " << e.what();
      }
  }

  Expected
  expected(const GdlFlowCell &g)
  {
    const double in = g.inlet_section.length, a = g.active_section.length,
                 out = g.outlet_section.length, length = in + a + out;
    Expected e;
    e.regions    = {{"catholyte", length * g.catholyte.length},
                    {"membrane", length * g.membrane.length},
                    {"anolyte", length * g.anolyte.length},
                    {"catalyst_layer", a * g.catalyst_layer.length},
                    {"gdl", a * g.gdl.length}};
    e.boundaries = {{"catholyte_inlet", g.catholyte.length},
                    {"catholyte_outlet", g.catholyte.length},
                    {"anolyte_inlet", g.anolyte.length},
                    {"anolyte_outlet", g.anolyte.length},
                    {"anode", a},
                    {"wall",
                     2. * (in + out) +
                       2. * (g.membrane.length + g.catalyst_layer.length +
                             g.gdl.length)}};
    if (g.gas_channel.present())
      {
        e.regions["gas_channel"]   = a * g.gas_channel.length;
        e.boundaries["gas_inlet"]  = g.gas_channel.length;
        e.boundaries["gas_outlet"] = g.gas_channel.length;
        e.boundaries["wall"] += a;
      }
    else
      e.boundaries["gas_side"] = a;
    return e;
  }

  Expected
  expected(const ZeroGapMea &g)
  {
    const double lands  = g.inlet_land.length + g.outlet_land.length;
    const double c      = g.channel_section.length;
    const double length = lands + c;
    Expected     e;
    e.regions    = {{"flow_channel", c * g.flow_channel.length},
                    {"cathode", length * g.cathode.length},
                    {"membrane", length * g.membrane.length},
                    {"anode", length * g.anode.length}};
    e.boundaries = {{"inlet", g.flow_channel.length},
                    {"outlet", g.flow_channel.length},
                    {"anode_collector", length},
                    {"wall",
                     c + 2. * (g.cathode.length + g.membrane.length +
                               g.anode.length)}};
    if (lands > 0.)
      e.boundaries["cathode_collector"] = lands;
    return e;
  }

  Expected
  expected(const FlowThroughElectrode &g)
  {
    const double length = g.electrode_section.length;
    const bool   through =
      g.flow_direction == FlowThroughElectrode::FlowDirection::through_plane;
    Expected e;
    e.regions             = {{"cathode", length * g.cathode.length},
                             {"gap", length * g.gap.length}};
    e.boundaries["anode"] = length;
    if (through)
      {
        e.boundaries["inlet"]  = length;
        e.boundaries["outlet"] = 2. * g.gap.length;
        e.boundaries["wall"]   = 2. * g.cathode.length;
      }
    else
      {
        e.boundaries["inlet"]             = g.cathode.length;
        e.boundaries["outlet"]            = g.cathode.length;
        e.boundaries["cathode_collector"] = length;
        e.boundaries["wall"]              = 2. * g.gap.length;
      }
    if (g.separator.present())
      {
        e.regions["separator"] = length * g.separator.length;
        e.boundaries["wall"] += 2. * g.separator.length;
      }
    if (g.anolyte.present())
      {
        e.regions["anolyte"]           = length * g.anolyte.length;
        e.boundaries["anolyte_inlet"]  = g.anolyte.length;
        e.boundaries["anolyte_outlet"] = g.anolyte.length;
      }
    return e;
  }

  GdlFlowCell
  gdl_with_gas_channel()
  {
    GdlFlowCell g;
    g.gas_channel.length   = 1e-3;
    g.inlet_section.length = 0.;
    g.inlet_section.cells  = 0; // ignored: the section is left out
    return g;
  }

  ZeroGapMea
  mea_without_lands()
  {
    ZeroGapMea g;
    g.inlet_land.length  = 0.;
    g.outlet_land.length = 0.;
    return g;
  }

  FlowThroughElectrode
  in_plane_without_separator()
  {
    FlowThroughElectrode g;
    g.flow_direction   = FlowThroughElectrode::FlowDirection::in_plane;
    g.separator.length = 0.;
    g.anolyte.length   = 0.;
    return g;
  }
} // namespace

TEST(GdlFlowCell, Measures2D)
{
  check_measures<2>(GdlFlowCell(), expected(GdlFlowCell()));
  check_measures<2>(gdl_with_gas_channel(), expected(gdl_with_gas_channel()));
}

TEST(GdlFlowCell, Measures3D)
{
  check_measures<3>(GdlFlowCell(), expected(GdlFlowCell()));
  check_measures<3>(gdl_with_gas_channel(), expected(gdl_with_gas_channel()));
}

TEST(GdlFlowCell, Grading)
{
  const GdlFlowCell        g;
  dealii::Triangulation<2> tria;
  const MeshNames          names = g.create(tria);
  EXPECT_NEAR(grading_of(tria, names.regions, "catholyte", 1),
              g.catholyte.grading,
              1e-9);
  EXPECT_NEAR(grading_of(tria, names.regions, "anolyte", 1),
              g.anolyte.grading,
              1e-9);
  // The catalyst layer spans the active section only.
  EXPECT_NEAR(grading_of(tria, names.regions, "catalyst_layer", 0),
              g.active_section.grading,
              1e-9);
  EXPECT_NEAR(grading_of(tria, names.regions, "membrane", 1), 1., 1e-9);
  // Cells shrink toward the walls: the first catholyte cell is the finest.
  const auto steps = g.catholyte.steps();
  EXPECT_NEAR(steps.front(), steps.back(), 1e-15);
  EXPECT_NEAR(*std::max_element(steps.begin(), steps.end()) / steps.front(),
              g.catholyte.grading,
              1e-9);
}

TEST(GdlFlowCell, Distributed)
{
  check_distributed<2>(GdlFlowCell(), expected(GdlFlowCell()));
  check_distributed<3>(gdl_with_gas_channel(),
                       expected(gdl_with_gas_channel()));
}

TEST(GdlFlowCell, BadInput)
{
  dealii::Triangulation<2> tria;
  GdlFlowCell              g;
  g.catholyte.length = 0.;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/GDL flow cell/Catholyte/Thickness = 0",
                      "thicker than 0 m"});
  g                 = GdlFlowCell();
  g.membrane.length = -183e-6;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/GDL flow cell/Membrane/Thickness = -0.000183"});
  g           = GdlFlowCell();
  g.gdl.cells = 0;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/GDL flow cell/GDL/Cells = 0", "at least 1"});
  g                 = GdlFlowCell();
  g.anolyte.grading = 0.5;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/GDL flow cell/Anolyte/Grading = 0.5"});
  g                    = GdlFlowCell();
  g.gas_channel.length = -1e-3;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/GDL flow cell/Gas channel/Thickness = -0.001"});
  g                 = GdlFlowCell();
  g.extrusion.width = 0.;
  dealii::Triangulation<3> tria3;
  expect_input_error([&] { g.create(tria3); },
                     {"Geometry/GDL flow cell/Width = 0"});
  EXPECT_EQ(tria.n_cells(), 0u);
}

TEST(GdlFlowCell, Parameters)
{
  dealii::ParameterHandler prm;
  GdlFlowCell::declare_parameters(prm);
  prm.parse_input_from_string("");
  GdlFlowCell parsed;
  parsed.parse_parameters(prm);
  const GdlFlowCell defaults;
  EXPECT_EQ(parsed.gdl.length, 190e-6);
  EXPECT_EQ(parsed.membrane.length, 183e-6);
  const auto a = parsed.stack(), b = defaults.stack();
  for (unsigned int i = 0; i < a.layers.size(); ++i)
    {
      EXPECT_EQ(a.layers[i].length, b.layers[i].length);
      EXPECT_EQ(a.layers[i].cells, b.layers[i].cells);
      EXPECT_EQ(a.layers[i].grading, b.layers[i].grading);
    }

  prm.parse_input_from_string("subsection GDL flow cell\n"
                              "  subsection Catholyte\n"
                              "    set Thickness = 2e-3\n"
                              "    set Cells = 30\n"
                              "  end\n"
                              "  subsection Gas channel\n"
                              "    set Thickness = 5e-4\n"
                              "  end\n"
                              "  set Width = 2e-2\n"
                              "end\n");
  parsed.parse_parameters(prm);
  EXPECT_EQ(parsed.catholyte.length, 2e-3);
  EXPECT_EQ(parsed.catholyte.cells, 30u);
  EXPECT_EQ(parsed.gas_channel.length, 5e-4);
  EXPECT_EQ(parsed.extrusion.width, 2e-2);

  prm.parse_input_from_string("subsection GDL flow cell\n"
                              "  subsection Membrane\n"
                              "    set Thickness = 0\n"
                              "  end\n"
                              "end\n");
  expect_input_error([&] { parsed.parse_parameters(prm); },
                     {"Geometry/GDL flow cell/Membrane/Thickness = 0"});
}

TEST(ZeroGapMea, Measures)
{
  check_measures<2>(ZeroGapMea(), expected(ZeroGapMea()));
  check_measures<3>(ZeroGapMea(), expected(ZeroGapMea()));
  check_measures<2>(mea_without_lands(), expected(mea_without_lands()));
  check_measures<3>(mea_without_lands(), expected(mea_without_lands()));
}

TEST(ZeroGapMea, Grading)
{
  const ZeroGapMea         g;
  dealii::Triangulation<3> tria;
  const MeshNames          names = g.create(tria);
  EXPECT_NEAR(grading_of(tria, names.regions, "flow_channel", 1),
              g.flow_channel.grading,
              1e-9);
  EXPECT_NEAR(grading_of(tria, names.regions, "cathode", 1),
              g.cathode.grading,
              1e-9);
  EXPECT_NEAR(grading_of(tria, names.regions, "flow_channel", 0),
              g.channel_section.grading,
              1e-9);
  EXPECT_NEAR(grading_of(tria, names.regions, "anode", 2), 1., 1e-9);
}

TEST(ZeroGapMea, Distributed)
{
  check_distributed<2>(ZeroGapMea(), expected(ZeroGapMea()));
  check_distributed<3>(ZeroGapMea(), expected(ZeroGapMea()));
}

TEST(ZeroGapMea, BadInput)
{
  dealii::Triangulation<2> tria;
  ZeroGapMea               g;
  g.cathode.length = 0.;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/Zero-gap MEA/Cathode/Thickness = 0"});
  g                       = ZeroGapMea();
  g.channel_section.cells = 0;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/Zero-gap MEA/Channel section/Cells = 0"});
  g                   = ZeroGapMea();
  g.inlet_land.length = -1e-3;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/Zero-gap MEA/Inlet land/Length = -0.001"});

  dealii::ParameterHandler prm;
  ZeroGapMea::declare_parameters(prm);
  prm.parse_input_from_string("subsection Zero-gap MEA\n"
                              "  subsection Anode\n"
                              "    set Thickness = -2e-4\n"
                              "  end\n"
                              "end\n");
  expect_input_error([&] { g.parse_parameters(prm); },
                     {"Geometry/Zero-gap MEA/Anode/Thickness = -0.0002"});
}

TEST(FlowThroughElectrode, Measures)
{
  FlowThroughElectrode through;
  FlowThroughElectrode in_plane;
  in_plane.flow_direction = FlowThroughElectrode::FlowDirection::in_plane;
  for (const auto &g : {through, in_plane, in_plane_without_separator()})
    {
      check_measures<2>(g, expected(g));
      check_measures<3>(g, expected(g));
    }
}

TEST(FlowThroughElectrode, Distributed)
{
  check_distributed<2>(FlowThroughElectrode(),
                       expected(FlowThroughElectrode()));
  check_distributed<3>(in_plane_without_separator(),
                       expected(in_plane_without_separator()));
}

TEST(FlowThroughElectrode, Grading)
{
  const FlowThroughElectrode g;
  dealii::Triangulation<2>   tria;
  const MeshNames            names = g.create(tria);
  EXPECT_NEAR(grading_of(tria, names.regions, "cathode", 1),
              g.cathode.grading,
              1e-9);
  EXPECT_NEAR(grading_of(tria, names.regions, "gap", 0),
              g.electrode_section.grading,
              1e-9);
}

TEST(FlowThroughElectrode, BadInput)
{
  dealii::Triangulation<2> tria;
  FlowThroughElectrode     g;
  g.gap.length = 0.;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/Flow-through electrode/Gap/Thickness = 0"});
  g                  = FlowThroughElectrode();
  g.separator.length = 0.;
  expect_input_error([&] { g.create(tria); },
                     {"Geometry/Flow-through electrode/Anolyte/Thickness",
                      "without a separator"});

  dealii::ParameterHandler prm;
  FlowThroughElectrode::declare_parameters(prm);
  prm.parse_input_from_string("subsection Flow-through electrode\n"
                              "  set Flow direction = in-plane\n"
                              "  subsection Cathode\n"
                              "    set Thickness = 3e-3\n"
                              "  end\n"
                              "end\n");
  g.parse_parameters(prm);
  EXPECT_EQ(g.flow_direction, FlowThroughElectrode::FlowDirection::in_plane);
  EXPECT_EQ(g.cathode.length, 3e-3);
  EXPECT_EQ(g.separator.length, 183e-6);
}
