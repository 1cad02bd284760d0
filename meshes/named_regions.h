#ifndef noxflow_meshes_named_regions_h
#define noxflow_meshes_named_regions_h

#include <deal.II/base/types.h>

#include <map>
#include <string>
#include <vector>

namespace NOxFlow::Meshes
{
  /**
   * @brief The names a geometry gives its cell regions (material ids), e.g.
   * "catholyte", "gdl", "membrane". Case files name regions, never raw ids.
   */
  class NamedRegions
  {
  public:
    /// Adds @p name with the next free id and returns the id (the existing
    /// id if @p name is already there).
    dealii::types::material_id
    add(const std::string &name);

    /// Id of @p name; throws an InputError naming @p parameter and listing
    /// the known names if there is no such region.
    dealii::types::material_id
    id(const std::string &name, const std::string &parameter) const;

    bool
    has(const std::string &name) const;

    /// All names, sorted.
    std::vector<std::string>
    names() const;

    /// Name of @p id, "(unnamed)" if it has none.
    const std::string &
    name(const dealii::types::material_id id) const;

  private:
    std::map<std::string, dealii::types::material_id> ids;
  };
} // namespace NOxFlow::Meshes

#endif
