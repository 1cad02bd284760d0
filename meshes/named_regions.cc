#include <meshes/named_regions.h>
#include <physics/input_error.h>

namespace NOxFlow::Meshes
{
  dealii::types::material_id
  NamedRegions::add(const std::string &name)
  {
    const auto it = ids.find(name);
    if (it != ids.end())
      return it->second;
    const auto new_id = static_cast<dealii::types::material_id>(ids.size());
    ids[name]         = new_id;
    return new_id;
  }

  bool
  NamedRegions::has(const std::string &name) const
  {
    return ids.count(name) > 0;
  }

  dealii::types::material_id
  NamedRegions::id(const std::string &name, const std::string &parameter) const
  {
    const auto it = ids.find(name);
    if (it != ids.end())
      return it->second;
    const std::string known =
      join_names(ids, [](const auto &entry) { return entry.first; });
    throw_input_error(parameter,
                      name,
                      "the geometry has no region '" + name +
                        "'; its regions are: " + known + ".");
  }

  std::vector<std::string>
  NamedRegions::names() const
  {
    std::vector<std::string> result;
    for (const auto &[n, i] : ids)
      result.push_back(n);
    return result;
  }

  const std::string &
  NamedRegions::name(const dealii::types::material_id id) const
  {
    for (const auto &[n, i] : ids)
      if (i == id)
        return n;
    static const std::string unnamed = "(unnamed)";
    return unnamed;
  }
} // namespace NOxFlow::Meshes
