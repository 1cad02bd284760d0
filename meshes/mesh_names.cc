#include <meshes/mesh_names.h>
#include <physics/input_error.h>

namespace NOxFlow::Meshes
{
  namespace
  {
    std::string
    join(const std::vector<std::string> &names)
    {
      return names.empty() ?
               std::string("(none)") :
               join_names(names, [](const std::string &n) { return n; });
    }
  } // namespace

  std::string
  MeshNames::listing() const
  {
    return "boundaries: " + join(boundaries.names()) +
           "; regions: " + join(regions.names());
  }

  void
  MeshNames::require(const std::vector<std::string> &names,
                     const std::string              &what) const
  {
    for (const auto &name : names)
      if (!regions.has(name) && !boundaries.has(name))
        throw_input_error(what,
                          name,
                          source + " has no " + group_noun + " '" + name +
                            "'; it has: " + listing() + ".");
  }

  void
  MeshNames::require_regions(const std::vector<std::string> &names,
                             const std::string              &what) const
  {
    for (const auto &name : names)
      if (!regions.has(name))
        throw_input_error(what,
                          name,
                          source + " has no " + region_noun + " '" + name +
                            "'; it has: " + listing() + ".");
  }

  void
  MeshNames::require_boundaries(const std::vector<std::string> &names,
                                const std::string              &what) const
  {
    for (const auto &name : names)
      if (!boundaries.has(name))
        throw_input_error(what,
                          name,
                          source + " has no " + boundary_noun + " '" + name +
                            "'; it has: " + listing() + ".");
  }
} // namespace NOxFlow::Meshes
