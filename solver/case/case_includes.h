#ifndef noxflow_solver_case_case_includes_h
#define noxflow_solver_case_case_includes_h

#include <string>
#include <utility>
#include <vector>

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

  /// Same, with the origin of every line of the text: messages name the
  /// line of the file the user wrote, not of the expanded text.
  struct CaseText
  {
    std::string text;
    /// (file, line number from 1) of each line of @p text.
    std::vector<std::pair<std::string, unsigned int>> origin;

    /// "line 70 of 'case.prm'" for line @p line (from 1) of the text.
    std::string
    where(const unsigned int line) const;
  };

  CaseText
  read_case_text(const std::string &filename);
} // namespace NOxFlow

#endif
