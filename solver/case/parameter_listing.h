#ifndef noxflow_solver_case_parameter_listing_h
#define noxflow_solver_case_parameter_listing_h

#include <map>
#include <string>

namespace NOxFlow
{
  /// "Section/Subsection/Entry" -> value of every entry in a ParameterHandler
  /// PRM listing (CaseParameters::parameters_used), comments and
  /// "# default:" notes dropped.
  std::map<std::string, std::string>
  parameter_entries(const std::string &listing);
} // namespace NOxFlow

#endif
