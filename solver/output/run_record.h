#ifndef noxflow_solver_output_run_record_h
#define noxflow_solver_output_run_record_h

#include <mpi.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief The record a run leaves in its folder: run.log (what the screen
   * shows, appended by each restart) and run.json (version, command line,
   * host, ranks, start and end, wall time, exit code and status).
   *
   * What the run prints before it writes its folder is kept in memory and
   * goes into run.log only once the run has started (write_log_into): a run
   * refused on bad input leaves nothing behind.
   */
  class RunRecord
  {
  public:
    RunRecord(const std::vector<std::string> &command_line, MPI_Comm comm);
    ~RunRecord();

    /// What the run prints: standard output, and run.log once it is open.
    std::ostream &
    stream();

    /// Rank 0 appends what was printed so far, and from now on everything,
    /// to @p directory/run.log.
    void
    write_log_into(const std::string &directory);

    /// An error: standard error, and run.log once it is open.
    void
    error(const std::string &message);

    /// Rank 0 writes @p directory/run.json (opening run.log first if it is
    /// not yet open). Never throws: the run's exit code stands.
    void
    finish(const std::string &directory,
           const int          exit_code,
           const std::string &status);

  private:
    class TeeBuffer;

    std::vector<std::string>              command_line;
    bool                                  root;
    int                                   ranks;
    std::string                           started;
    std::chrono::steady_clock::time_point clock;
    std::unique_ptr<TeeBuffer>            buffer;
    std::unique_ptr<std::ostream>         out;
  };
} // namespace NOxFlow

#endif
