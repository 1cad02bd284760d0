#ifndef noxflow_meshes_named_ids_h
#define noxflow_meshes_named_ids_h

#include <physics/input_error.h>

#include <map>
#include <string>
#include <vector>

namespace NOxFlow::Meshes
{
  /**
   * @brief Names of mesh ids of one kind (boundary or material ids). Case
   * files name them, never raw ids; @p Kind gives the nouns of the messages.
   */
  template <typename Id, typename Kind>
  class NamedIds
  {
  public:
    /// Adds @p name with the next free id and returns the id (the existing
    /// id if @p name is already there).
    Id
    add(const std::string &name)
    {
      const auto it = ids.find(name);
      if (it != ids.end())
        return it->second;
      const auto new_id = static_cast<Id>(ids.size());
      ids[name]         = new_id;
      return new_id;
    }

    /// Id of @p name; throws an InputError naming @p parameter and listing
    /// the known names if there is none.
    Id
    id(const std::string &name, const std::string &parameter) const
    {
      const auto it = ids.find(name);
      if (it != ids.end())
        return it->second;
      const std::string known =
        join_names(ids, [](const auto &entry) { return entry.first; });
      throw_input_error(parameter,
                        name,
                        std::string("the geometry has no ") + Kind::singular +
                          " '" + name + "'; its " + Kind::plural +
                          " are: " + known + ".");
    }

    bool
    has(const std::string &name) const
    {
      return ids.count(name) > 0;
    }

    std::vector<std::string>
    names() const
    {
      std::vector<std::string> result;
      for (const auto &entry : ids)
        result.push_back(entry.first);
      return result;
    }

    const std::string &
    name(const Id id) const
    {
      for (const auto &[n, i] : ids)
        if (i == id)
          return n;
      static const std::string unnamed = "(unnamed)";
      return unnamed;
    }

  private:
    std::map<std::string, Id> ids;
  };
} // namespace NOxFlow::Meshes

#endif
