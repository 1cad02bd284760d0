#include <deal.II/base/mpi.h>

#include <physics/input_error.h>
#include <solver/output/output_error.h>
#include <solver/output/run_folder.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace NOxFlow
{
  namespace fs = std::filesystem;

  namespace
  {
    const char *lock_name = "run.lock";

    std::string
    this_host()
    {
      char name[256] = {};
      gethostname(name, sizeof name - 1);
      return name;
    }

    /// The process named in a lock file.
    struct LockOwner
    {
      std::string host;
      long        pid = 0;

      /// Alive unless it is on this host and gone; a process on another
      /// host cannot be asked.
      bool
      alive() const
      {
        if (host != this_host())
          return true;
        return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
      }

      std::string
      describe() const
      {
        return "pid " + std::to_string(pid) + " on host " + host;
      }
    };

    LockOwner
    read_owner(const fs::path &lock)
    {
      LockOwner     owner;
      std::ifstream in(lock);
      in >> owner.host >> owner.pid;
      return owner;
    }

    std::string
    read_status(const fs::path &directory)
    {
      std::ifstream in(directory / "status");
      std::string   line;
      std::getline(in, line);
      return line;
    }

    /// Files NOxFlow writes into every run folder; one of them marks a run.
    bool
    holds_a_run(const fs::path &directory)
    {
      for (const char *name : {"status", "parameters.prm", "summary.tsv"})
        if (fs::exists(directory / name))
          return true;
      return false;
    }

    /// Entries of @p directory other than the lock.
    std::vector<fs::path>
    contents(const fs::path &directory)
    {
      std::vector<fs::path> result;
      for (const auto &entry : fs::directory_iterator(directory))
        if (entry.path().filename() != lock_name)
          result.push_back(entry.path());
      return result;
    }
  } // namespace

  void
  write_run_status(const std::string &directory,
                   const std::string &status,
                   const MPI_Comm     comm)
  {
    on_root_checked(comm, [&]() {
      write_file_atomically(directory + "/status", status + "\n");
    });
  }

  RunFolder::RunFolder(const std::string &directory_,
                       const Mode         mode,
                       MPI_Comm           comm)
    : directory(directory_)
    , comm(comm)
  {
    std::string refusal;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        const bool existed = fs::exists(directory);
        try
          {
            refusal = take(mode);
          }
        catch (const std::exception &e)
          {
            refusal = "cannot use the output folder '" + directory + "' (" +
                      e.what() + "). Fix: give a writable --output folder.";
          }
        if (!refusal.empty())
          {
            std::error_code error;
            if (locked)
              fs::remove(fs::path(directory) / lock_name, error);
            locked = false;
            if (!existed)
              fs::remove(directory, error);
          }
        created = !existed && refusal.empty();
      }
    refusal  = dealii::Utilities::MPI::broadcast(comm, refusal, 0);
    previous = dealii::Utilities::MPI::broadcast(comm, previous, 0);
    if (!refusal.empty())
      throw InputError(refusal);
  }

  RunFolder::~RunFolder()
  {
    std::error_code error;
    if (locked)
      fs::remove(fs::path(directory) / lock_name, error);
    // A run that ended before writing anything (bad input) leaves nothing.
    if (created && fs::is_empty(directory, error))
      fs::remove(directory, error);
  }

  void
  RunFolder::set_status(const std::string &status) const
  {
    write_run_status(directory, status, comm);
  }

  std::string
  RunFolder::take(const Mode mode)
  {
    const fs::path dir(directory);
    fs::create_directories(dir);
    const fs::path lock = dir / lock_name;
    // Two tries: the second after removing a dead run's lock.
    for (unsigned int attempt = 0; attempt < 2 && !locked; ++attempt)
      {
        const int fd = open(lock.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
        if (fd >= 0)
          {
            const std::string owner =
              this_host() + " " + std::to_string(getpid()) + "\n";
            const bool written = write(fd, owner.data(), owner.size()) ==
                                 static_cast<ssize_t>(owner.size());
            close(fd);
            locked = true;
            if (!written)
              return "cannot write the lock '" + lock.string() +
                     "'. Fix: free space on that file system or give "
                     "another --output folder.";
            break;
          }
        if (errno != EEXIST)
          return "cannot create the lock '" + lock.string() + "' (" +
                 std::strerror(errno) +
                 "). Fix: give a writable --output folder.";
        const LockOwner owner = read_owner(lock);
        if (owner.alive())
          return "the output folder '" + directory +
                 "' is in use by another run (" + owner.describe() +
                 ", see its run.lock). Fix: wait for that run to end, or "
                 "give another --output folder" +
                 (owner.host != this_host() ?
                    "; if that run is gone, delete '" + lock.string() + "'." :
                    ".");
        previous =
          "the run before (" + owner.describe() + ") died without finishing";
        fs::remove(lock);
      }

    const std::string status = read_status(dir);
    if (status.rfind("running", 0) == 0)
      {
        // Nobody holds the folder, yet its status says running.
        if (previous.empty())
          previous = "the run before died without finishing";
        bool checkpointed = false;
        if (fs::is_directory(dir / "checkpoints"))
          for (const auto &entry : contents(dir / "checkpoints"))
            checkpointed |=
              entry.filename().string().rfind("checkpoint-", 0) == 0;
        write_file_atomically((dir / "status").string(),
                              "died: " + previous +
                                (checkpointed ?
                                   "; continue it with --restart\n" :
                                   "; no checkpoint to continue from: run it "
                                   "again with --overwrite\n"));
      }

    const auto entries = contents(dir);
    const bool run     = holds_a_run(dir);
    if (mode == Mode::fresh && !entries.empty())
      return "the output folder '" + directory + "' holds " +
             (run ? "another run (status: " + read_status(dir) + ")" :
                    "other files (e.g. '" +
                      entries.front().filename().string() + "')") +
             ". Fix: " +
             (run ? "continue that run with --restart, replace it with "
                    "--overwrite, or give another --output folder." :
                    "give an empty or new --output folder.");
    if (mode == Mode::overwrite && !entries.empty())
      {
        if (!run)
          return "--overwrite: the output folder '" + directory +
                 "' holds no NOxFlow run (no status, parameters.prm or "
                 "summary.tsv) and NOxFlow clears only its own run folders. "
                 "Fix: give an empty or new --output folder.";
        for (const auto &entry : entries)
          fs::remove_all(entry);
      }
    return "";
  }
} // namespace NOxFlow
