#ifndef noxflow_solver_case_case_fingerprint_h
#define noxflow_solver_case_case_fingerprint_h

#include <string>

namespace NOxFlow
{
  /**
   * @brief What a restart may not change: the differences between the case
   * a checkpoint was written with and the case given now, both as
   * CaseParameters::parameters_used listings, e.g.
   * "Species/NO3-/Inlet concentration: 100 -> 50". Empty if none.
   *
   * Solver settings (Newton, Linear solver, Continuation) and Output may
   * change; Operation/Targets may be extended, but the @p targets_reached
   * first targets must stay as they were.
   */
  std::string
  solution_changes(const std::string &checkpoint_case,
                   const std::string &current_case,
                   const unsigned int targets_reached);
} // namespace NOxFlow

#endif
