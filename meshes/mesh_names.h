#ifndef noxflow_meshes_mesh_names_h
#define noxflow_meshes_mesh_names_h

#include <meshes/named_boundaries.h>
#include <meshes/named_regions.h>

#include <string>
#include <vector>

namespace NOxFlow::Meshes
{
  /**
   * @brief The region and boundary names of one mesh (a builder's or a Gmsh
   * file's), with checks that say where a missing name was looked for.
   */
  struct MeshNames
  {
    NamedRegions    regions;
    NamedBoundaries boundaries;

    /// Where the names come from, for messages: a .msh path or "the
    /// geometry 'Zero-gap MEA'".
    std::string source = "the geometry";
    /// What @p source calls a region, a boundary, and either: "region",
    /// "boundary", "region or boundary" for builders; "physical surface",
    /// "physical curve", "physical group" for a 2D Gmsh file.
    std::string region_noun   = "region";
    std::string boundary_noun = "boundary";
    std::string group_noun    = "region or boundary";

    /**
     * @brief Throws an InputError for the first of @p names that is neither
     * a region nor a boundary, naming the parameter @p what and listing the
     * names there are, e.g. "meshes/x.msh has no physical group 'cathode';
     * it has: boundaries: inlet, outlet; regions: channel."
     */
    void
    require(const std::vector<std::string> &names,
            const std::string              &what) const;

    /// As require(), for names that must be regions.
    void
    require_regions(const std::vector<std::string> &names,
                    const std::string              &what) const;

    /// As require(), for names that must be boundaries.
    void
    require_boundaries(const std::vector<std::string> &names,
                       const std::string              &what) const;

    /// "boundaries: a, b; regions: c, d".
    std::string
    listing() const;
  };
} // namespace NOxFlow::Meshes

#endif
