#include <deal.II/base/mpi.h>

#include <solver/output/output_error.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace NOxFlow
{
  namespace fs = std::filesystem;

  OutputError::OutputError(const std::string &path, const std::string &reason)
    : std::runtime_error(path + ": " + reason)
  {}

  OutputError::OutputError(const std::string &message)
    : std::runtime_error(message)
  {}

  void
  check_written(std::ostream &stream, const std::string &path)
  {
    errno = 0;
    stream.flush();
    if (!stream)
      throw OutputError(path,
                        errno != 0 ? std::strerror(errno) : "write failed");
  }

  void
  write_file_atomically(const std::string &path, const std::string &text)
  {
    const std::string temporary = path + ".tmp";
    {
      errno = 0;
      std::ofstream out(temporary);
      if (!out)
        throw OutputError(path,
                          errno != 0 ? std::strerror(errno) : "cannot open");
      out << text;
      check_written(out, path);
      out.close();
      if (!out)
        throw OutputError(path, "close failed");
    }
    std::error_code error;
    fs::rename(temporary, path, error);
    if (error)
      throw OutputError(path, error.message());
  }

  void
  on_root_checked(const MPI_Comm comm, const std::function<void()> &write)
  {
    std::string failure;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      try
        {
          write();
        }
      catch (const std::exception &e)
        {
          failure = e.what();
        }
    failure = dealii::Utilities::MPI::broadcast(comm, failure, 0);
    if (!failure.empty())
      throw OutputError(failure);
  }

  std::uintmax_t
  bytes_under(const std::string &path)
  {
    std::error_code error;
    if (fs::is_regular_file(path, error))
      return fs::file_size(path, error);
    std::uintmax_t total = 0;
    if (!fs::is_directory(path, error))
      return 0;
    for (const auto &entry : fs::recursive_directory_iterator(path, error))
      if (entry.is_regular_file(error))
        total += entry.file_size(error);
    return total;
  }

  void
  require_free_space(const std::string   &directory,
                     const std::uintmax_t bytes,
                     const std::string   &what,
                     const MPI_Comm       comm)
  {
    std::string problem;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::error_code error;
        const auto      space = fs::space(directory, error);
        const auto      mb    = [](const std::uintmax_t b) {
          std::ostringstream text;
          text << std::fixed << std::setprecision(1) << b / 1048576.;
          return text.str();
        };
        if (error)
          problem = "cannot query the free space (" + error.message() + ")";
        else if (space.available < bytes)
          problem = "no space left on device for the " + what + " (about " +
                    mb(bytes) + " MB needed, " + mb(space.available) +
                    " MB free)";
      }
    problem = dealii::Utilities::MPI::broadcast(comm, problem, 0);
    if (!problem.empty())
      throw OutputError(directory, problem);
  }
} // namespace NOxFlow
