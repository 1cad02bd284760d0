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
    std::string
    inline_file(const std::filesystem::path &file,
                std::vector<std::string>    &open_files)
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
      std::ostringstream      out;
      std::string             line;
      while (std::getline(in, line))
        {
          std::smatch match;
          if (!std::regex_match(line, match, include))
            {
              out << line << '\n';
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
          out << "# begin include " << name << '\n'
              << inline_file(*found, open_files) << "# end include " << name
              << '\n';
        }
      open_files.pop_back();
      return out.str();
    }
  } // namespace

  std::string
  read_with_includes(const std::string &filename)
  {
    std::vector<std::string> open_files;
    return inline_file(filename, open_files);
  }
} // namespace NOxFlow
