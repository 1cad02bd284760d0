#include <deal.II/base/utilities.h>

#include <solver/case/parameter_listing.h>

#include <sstream>
#include <vector>

namespace NOxFlow
{
  std::map<std::string, std::string>
  parameter_entries(const std::string &listing)
  {
    using dealii::Utilities::trim;
    std::map<std::string, std::string> entries;
    std::vector<std::string>           path;
    std::istringstream                 in(listing);
    std::string                        line;
    while (std::getline(in, line))
      {
        line = trim(line);
        if (line.rfind("subsection ", 0) == 0)
          path.push_back(trim(line.substr(11)));
        else if (line == "end" && !path.empty())
          path.pop_back();
        else if (line.rfind("set ", 0) == 0)
          {
            const auto equal = line.find('=');
            if (equal == std::string::npos)
              continue;
            std::string value = line.substr(equal + 1);
            const auto  note  = value.find("# default:");
            if (note != std::string::npos)
              value.erase(note);
            std::string key;
            for (const auto &p : path)
              key += p + "/";
            key += trim(line.substr(4, equal - 4));
            entries[key] = trim(value);
          }
      }
    return entries;
  }
} // namespace NOxFlow
