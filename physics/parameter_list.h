#ifndef noxflow_physics_parameter_list_h
#define noxflow_physics_parameter_list_h

#include <deal.II/base/utilities.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
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

  /// The number @p text holds, all of it and finite ("9,25" and "1e400"
  /// are not numbers); empty otherwise.
  inline std::optional<double>
  strict_number(const std::string &text)
  {
    const std::string trimmed = dealii::Utilities::trim(text);
    if (trimmed.empty())
      return std::nullopt;
    char *end          = nullptr;
    errno              = 0;
    const double value = std::strtod(trimmed.c_str(), &end);
    if (errno != 0 || *end != '\0' || !std::isfinite(value))
      return std::nullopt;
    return value;
  }
} // namespace NOxFlow

#endif
