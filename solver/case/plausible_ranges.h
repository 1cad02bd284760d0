#ifndef noxflow_solver_case_plausible_ranges_h
#define noxflow_solver_case_plausible_ranges_h

#include <string>

namespace NOxFlow
{
  /**
   * @brief Refuses finite but absurd values (a diffusivity of 30 m2/s, a
   * height of 1e308 m): each numeric entry of the case's parameter listing
   * is checked against the range its quantity can have in an aqueous flow
   * cell. Throws InputError naming the entry, its value and the range;
   * such values would otherwise fail later with misleading messages.
   */
  void
  check_plausible_ranges(const std::string &parameters_used);
} // namespace NOxFlow

#endif
