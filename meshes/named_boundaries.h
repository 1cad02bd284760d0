#ifndef noxflow_meshes_named_boundaries_h
#define noxflow_meshes_named_boundaries_h

#include <deal.II/base/types.h>

#include <map>
#include <string>
#include <vector>

namespace NOxFlow::Meshes
{
  /**
   * @brief The names a geometry gives its boundaries. Case files name
   * boundaries, never raw ids.
   */
  class NamedBoundaries
  {
  public:
    /// Adds @p name with the next free id and returns the id.
    dealii::types::boundary_id
    add(const std::string &name);

    /// Id of @p name; throws an InputError naming @p parameter and listing
    /// the known names if there is no such boundary.
    dealii::types::boundary_id
    id(const std::string &name, const std::string &parameter) const;

    bool
    has(const std::string &name) const;

    std::vector<std::string>
    names() const;

    const std::string &
    name(const dealii::types::boundary_id id) const;

  private:
    std::map<std::string, dealii::types::boundary_id> ids;
  };
} // namespace NOxFlow::Meshes

#endif
