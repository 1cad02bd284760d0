#ifndef noxflow_physics_named_values_h
#define noxflow_physics_named_values_h

#include <deal.II/base/utilities.h>

#include <physics/input_error.h>

#include <string>
#include <utility>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief The 'name: number' pairs of a case-file entry, e.g.
   * "anode_collector: 0, inlet: 500", in the order given. Throws an
   * InputError naming @p parameter, with @p example as the fix, on a
   * malformed pair, a value that is not a number or a name given twice.
   */
  inline std::vector<std::pair<std::string, double>>
  parse_named_values(const std::string &text,
                     const std::string &parameter,
                     const std::string &example)
  {
    std::vector<std::pair<std::string, double>> pairs;
    for (const auto &item : dealii::Utilities::split_string_list(text, ','))
      {
        const auto pair = dealii::Utilities::split_string_list(item, ':');
        if (pair.size() != 2 || pair[0].empty())
          throw_input_error(parameter,
                            text,
                            "write 'name: number' pairs separated by commas, "
                            "e.g. '" +
                              example + "'.");
        double value = 0.;
        try
          {
            value = dealii::Utilities::string_to_double(pair[1]);
          }
        catch (...)
          {
            throw_input_error(parameter,
                              text,
                              "'" + pair[1] + "' is not a number.");
          }
        for (const auto &[name, v] : pairs)
          if (name == pair[0])
            throw_input_error(parameter,
                              text,
                              "'" + name + "' is listed twice; give it once.");
        pairs.emplace_back(pair[0], value);
      }
    return pairs;
  }
} // namespace NOxFlow

#endif
