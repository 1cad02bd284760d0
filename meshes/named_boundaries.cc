#include <meshes/named_boundaries.h>
#include <physics/input_error.h>

namespace NOxFlow::Meshes
{
  dealii::types::boundary_id
  NamedBoundaries::add(const std::string &name)
  {
    const auto it = ids.find(name);
    if (it != ids.end())
      return it->second;
    const auto new_id = static_cast<dealii::types::boundary_id>(ids.size());
    ids[name]         = new_id;
    return new_id;
  }

  bool
  NamedBoundaries::has(const std::string &name) const
  {
    return ids.count(name) > 0;
  }

  dealii::types::boundary_id
  NamedBoundaries::id(const std::string &name,
                      const std::string &parameter) const
  {
    const auto it = ids.find(name);
    if (it != ids.end())
      return it->second;
    const std::string known =
      join_names(ids, [](const auto &entry) { return entry.first; });
    throw_input_error(parameter,
                      name,
                      "the geometry has no boundary '" + name +
                        "'; its boundaries are: " + known + ".");
  }

  std::vector<std::string>
  NamedBoundaries::names() const
  {
    std::vector<std::string> result;
    for (const auto &[n, i] : ids)
      result.push_back(n);
    return result;
  }

  const std::string &
  NamedBoundaries::name(const dealii::types::boundary_id id) const
  {
    for (const auto &[n, i] : ids)
      if (i == id)
        return n;
    static const std::string unnamed = "(unnamed)";
    return unnamed;
  }
} // namespace NOxFlow::Meshes
