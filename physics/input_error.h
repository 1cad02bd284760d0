#ifndef noxflow_physics_input_error_h
#define noxflow_physics_input_error_h

#include <sstream>
#include <stdexcept>
#include <string>

namespace NOxFlow
{
  /**
   * @brief An error the user caused and can fix in the case file.
   *
   * The driver prints the message and exits with a non-zero code before any
   * output is written.
   */
  class InputError : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };

  /// "a, b, c" from the names of @p items, for messages listing choices.
  template <typename Container, typename Name>
  std::string
  join_names(const Container &items, const Name &name_of)
  {
    std::string result;
    for (const auto &item : items)
      result += (result.empty() ? "" : ", ") + std::string(name_of(item));
    return result;
  }

  /**
   * @brief Throws an InputError that names the parameter, its value and the
   * fix, e.g. "Species/K+/Diffusivity = -1e-9: must be > 0 m2/s."
   */
  template <typename T>
  [[noreturn]] void
  throw_input_error(const std::string &parameter,
                    const T           &value,
                    const std::string &fix)
  {
    std::ostringstream message;
    message << "Invalid input: '" << parameter << " = " << value
            << "'. Fix: " << fix;
    throw InputError(message.str());
  }
} // namespace NOxFlow

#endif
