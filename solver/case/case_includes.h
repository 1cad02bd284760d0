#ifndef noxflow_solver_case_case_includes_h
#define noxflow_solver_case_case_includes_h

#include <string>

namespace NOxFlow
{
  /**
   * @brief Text of the case file @p filename with every `include FILE` line
   * replaced by that file's text, recursively.
   *
   * FILE is searched relative to the including file, then the working
   * folder, then the shipped presets (cases/presets), so a case can say
   * `include nitrate_alkaline.prm` and override what follows. Throws an
   * InputError for a missing file or an include cycle.
   */
  std::string
  read_with_includes(const std::string &filename);
} // namespace NOxFlow

#endif
