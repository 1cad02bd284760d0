// Region names and the required-name checks of a mesh.
#include <meshes/mesh_names.h>
#include <meshes/named_regions.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

using namespace NOxFlow;
using namespace NOxFlow::Meshes;

namespace
{
  std::string
  message_of(const std::function<void()> &f)
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
} // namespace

TEST(NamedRegions, IdsAndNames)
{
  NamedRegions regions;
  EXPECT_EQ(regions.add("catholyte"), 0u);
  EXPECT_EQ(regions.add("gdl"), 1u);
  EXPECT_EQ(regions.add("catholyte"), 0u);
  EXPECT_EQ(regions.id("gdl", "Flow/Porous media/GDL/Regions"), 1u);
  EXPECT_TRUE(regions.has("gdl"));
  EXPECT_FALSE(regions.has("membrane"));
  EXPECT_EQ(regions.name(1), "gdl");
  EXPECT_EQ(regions.name(7), "(unnamed)");
  EXPECT_EQ(regions.names(), (std::vector<std::string>{"catholyte", "gdl"}));
  const std::string message = message_of(
    [&] { regions.id("membrane", "Flow/Porous media/Nafion/Regions"); });
  EXPECT_NE(message.find("Flow/Porous media/Nafion/Regions = membrane"),
            std::string::npos)
    << message;
  EXPECT_NE(message.find("its regions are: catholyte, gdl."), std::string::npos)
    << message;
}

TEST(MeshNames, Require)
{
  MeshNames names;
  names.source        = "meshes/x.msh";
  names.region_noun   = "physical surface";
  names.boundary_noun = "physical curve";
  names.group_noun    = "physical group";
  names.regions.add("channel");
  names.boundaries.add("inlet");
  names.boundaries.add("outlet");

  names.require({"inlet", "channel"}, "Electrodes/Names");
  names.require_regions({"channel"}, "Flow/Porous media/Felt/Regions");
  names.require_boundaries({"inlet", "outlet"}, "Flow/Inlet boundaries");

  std::string message = message_of([&] {
    names.require({"inlet", "cathode"}, "Electrodes/Names");
  });
  EXPECT_NE(message.find("'Electrodes/Names = cathode'"), std::string::npos)
    << message;
  EXPECT_NE(message.find("meshes/x.msh has no physical group 'cathode'; it "
                         "has: boundaries: inlet, outlet; regions: channel."),
            std::string::npos)
    << message;
  message = message_of(
    [&] { names.require_boundaries({"channel"}, "Electrodes/Names"); });
  EXPECT_NE(message.find("has no physical curve 'channel'"), std::string::npos)
    << message;
  message = message_of(
    [&] { names.require_regions({"inlet"}, "Flow/Porous media/F/Regions"); });
  EXPECT_NE(message.find("has no physical surface 'inlet'"), std::string::npos)
    << message;
}
