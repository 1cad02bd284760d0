#ifndef noxflow_physics_parameter_list_h
#define noxflow_physics_parameter_list_h

#include <deal.II/base/utilities.h>

#include <string>
#include <vector>

namespace NOxFlow
{
  /// The items of a comma-separated case-file entry, trimmed.
  inline std::vector<std::string>
  parameter_list(const std::string &text)
  {
    return dealii::Utilities::split_string_list(text, ',');
  }
} // namespace NOxFlow

#endif
