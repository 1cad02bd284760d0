#ifndef noxflow_solver_output_output_error_h
#define noxflow_solver_output_output_error_h

#include <mpi.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace NOxFlow
{
  /**
   * @brief A write into the run folder failed (full disk, I/O error,
   * permissions). The run ends with status "failed: <path>: <reason>" and
   * exit code 1; the checkpoints written before stay usable.
   */
  class OutputError : public std::runtime_error
  {
  public:
    OutputError(const std::string &path, const std::string &reason);
    /// From a message already in the form "<path>: <reason>".
    explicit OutputError(const std::string &message);
  };

  /// Writes @p text to @p path through a temporary file and a rename, so a
  /// reader never sees half a file. Throws OutputError.
  void
  write_file_atomically(const std::string &path, const std::string &text);

  /// Flushes @p stream and throws OutputError naming @p path if any write to
  /// it failed (the system's reason from errno).
  void
  check_written(std::ostream &stream, const std::string &path);

  /// Collective: runs @p write on rank 0 (which writes the run folder's
  /// text files) and throws its OutputError on every rank, so no rank waits
  /// for one that failed.
  void
  on_root_checked(const MPI_Comm comm, const std::function<void()> &write);

  /// Bytes of the files under @p path (0 if it does not exist).
  std::uintmax_t
  bytes_under(const std::string &path);

  /// Collective: throws OutputError on every rank unless the file system of
  /// @p directory has @p bytes available (checked on rank 0). Writers
  /// (p4est, HDF5) abort or leave damaged files on a full disk, so the
  /// run checks before it writes.
  void
  require_free_space(const std::string   &directory,
                     const std::uintmax_t bytes,
                     const std::string   &what,
                     const MPI_Comm       comm);
} // namespace NOxFlow

#endif
