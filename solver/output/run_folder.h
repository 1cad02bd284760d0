#ifndef noxflow_solver_output_run_folder_h
#define noxflow_solver_output_run_folder_h

#include <mpi.h>

#include <string>

namespace NOxFlow
{
  /// Writes <directory>/status atomically (rank 0 only). Throws OutputError.
  void
  write_run_status(const std::string &directory,
                   const std::string &status,
                   const MPI_Comm     comm);

  /**
   * @brief A run folder holds one run. Rank 0 takes the folder's lock
   * (run.lock: host and pid) before anything is written and keeps it until
   * the run ends, so two runs never write into one folder.
   *
   * A lock whose process is gone (same host) is stale: the run it belonged
   * to died, and a `status` still saying `running` is rewritten to say so.
   * A fresh run refuses a folder that holds another run's files; with
   * Mode::overwrite it clears a run folder first (never a folder that holds
   * no run: NOxFlow deletes only what it wrote).
   */
  class RunFolder
  {
  public:
    enum class Mode
    {
      fresh,
      overwrite,
      restart
    };

    /// Collective. Throws InputError on every rank (the folder left as it
    /// was) if the folder cannot be taken in @p mode.
    RunFolder(const std::string &directory, const Mode mode, MPI_Comm comm);
    /// Releases the lock.
    ~RunFolder();
    RunFolder(const RunFolder &) = delete;
    RunFolder &
    operator=(const RunFolder &) = delete;

    const std::string &
    path() const
    {
      return directory;
    }

    /// What the folder said about the run before this one took it (e.g. a
    /// died run); empty if nothing to say.
    const std::string &
    notice() const
    {
      return previous;
    }

    void
    set_status(const std::string &status) const;

  private:
    /// Rank 0: takes the lock and checks the contents; "" or the refusal.
    std::string
    take(const Mode mode);

    std::string directory;
    MPI_Comm    comm;
    bool        locked = false;
    /// The folder did not exist before: removed again if left empty.
    bool        created = false;
    std::string previous;
  };
} // namespace NOxFlow

#endif
