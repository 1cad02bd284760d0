#include <deal.II/base/utilities.h>

#include <solver/case/case_fingerprint.h>
#include <solver/case/parameter_listing.h>

#include <map>
#include <sstream>
#include <vector>

namespace NOxFlow
{
  namespace
  {
    /// Sections that steer how the solution is found or written, not what
    /// it is.
    bool
    may_change(const std::string &key)
    {
      for (const char *section :
           {"Newton/", "Linear solver/", "Continuation/", "Output/"})
        if (key.rfind(section, 0) == 0)
          return true;
      return key == "Operation/Targets";
    }

    std::string
    targets_change(const std::string &before,
                   const std::string &now,
                   const unsigned int reached)
    {
      const auto old_targets = dealii::Utilities::split_string_list(before);
      const auto new_targets = dealii::Utilities::split_string_list(now);
      bool       same        = new_targets.size() >= reached;
      for (unsigned int i = 0; same && i < reached && i < old_targets.size();
           ++i)
        same = dealii::Utilities::string_to_double(old_targets[i]) ==
               dealii::Utilities::string_to_double(new_targets[i]);
      if (same)
        return "";
      return "Operation/Targets: " + before + " -> " + now + " (the " +
             std::to_string(reached) +
             " targets the checkpoint reached must stay the first ones; "
             "targets may only be added after them)\n";
    }
  } // namespace

  std::string
  solution_changes(const std::string &checkpoint_case,
                   const std::string &current_case,
                   const unsigned int targets_reached)
  {
    const auto         before = parameter_entries(checkpoint_case);
    const auto         now    = parameter_entries(current_case);
    std::ostringstream changes;
    for (const auto &[key, value] : before)
      {
        const auto found = now.find(key);
        if (found == now.end())
          changes << key << ": " << value << " -> (gone)\n";
        else if (key == "Operation/Targets")
          changes << targets_change(value, found->second, targets_reached);
        else if (found->second != value && !may_change(key))
          changes << key << ": " << value << " -> " << found->second << "\n";
      }
    for (const auto &[key, value] : now)
      if (!before.count(key))
        changes << key << ": (new) -> " << value << "\n";
    return changes.str();
  }
} // namespace NOxFlow
