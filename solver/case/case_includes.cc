#include <physics/input_error.h>
#include <solver/case/case_includes.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

namespace NOxFlow
{
  namespace
  {
    void
    inline_file(const std::filesystem::path &file,
                std::vector<std::string>    &open_files,
                CaseText                    &out)
    {
      const auto canonical = std::filesystem::weakly_canonical(file).string();
      for (const auto &f : open_files)
        if (f == canonical)
          throw InputError("Case file '" + canonical +
                           "' includes itself (through its includes). Fix: "
                           "remove the circular include.");
      std::ifstream in(file);
      if (!in)
        throw InputError("Cannot open case file '" + file.string() +
                         "'. Fix: give the path of an existing .prm file.");
      open_files.push_back(canonical);
      static const std::regex include(R"(^\s*include\s+(\S+)\s*(#.*)?$)");
      std::string             line;
      unsigned int            number = 0;
      const auto              add    = [&](const std::string &text) {
        out.text += text + '\n';
        out.origin.emplace_back(file.string(), number);
      };
      while (std::getline(in, line))
        {
          ++number;
          std::smatch match;
          if (!std::regex_match(line, match, include))
            {
              add(line);
              continue;
            }
          const std::string                  name       = match[1];
          std::vector<std::filesystem::path> candidates = {file.parent_path() /
                                                             name,
                                                           name};
#ifdef NOXFLOW_PRESET_DIR
          candidates.emplace_back(std::filesystem::path(NOXFLOW_PRESET_DIR) /
                                  name);
#endif
          const auto found =
            std::find_if(candidates.begin(),
                         candidates.end(),
                         [](const auto &c) {
                           return std::filesystem::is_regular_file(c);
                         });
          if (found == candidates.end())
            throw InputError("Case file '" + file.string() + "': 'include " +
                             name +
                             "' names no file next to it, in the working "
                             "folder or among the presets (cases/presets). "
                             "Fix: correct the name or path.");
          add("# begin include " + name);
          inline_file(*found, open_files, out);
          add("# end include " + name);
        }
      open_files.pop_back();
    }
  } // namespace

  std::string
  CaseText::where(const unsigned int line) const
  {
    if (line == 0 || line > origin.size())
      return "line " + std::to_string(line) + " of the expanded case";
    return "line " + std::to_string(origin[line - 1].second) + " of '" +
           origin[line - 1].first + "'";
  }

  CaseText
  read_case_text(const std::string &filename)
  {
    std::vector<std::string> open_files;
    CaseText                 text;
    inline_file(filename, open_files, text);
    return text;
  }

  std::string
  read_with_includes(const std::string &filename)
  {
    return read_case_text(filename).text;
  }
} // namespace NOxFlow
