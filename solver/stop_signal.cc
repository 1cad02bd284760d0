#include <solver/stop_signal.h>

#include <csignal>

namespace NOxFlow
{
  namespace
  {
    volatile std::sig_atomic_t stop_signal = 0;

    extern "C" void
    on_stop_signal(int signal)
    {
      stop_signal = signal;
    }
  } // namespace

  void
  install_stop_handlers()
  {
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGUSR1, on_stop_signal);
  }

  bool
  stop_requested(const MPI_Comm comm)
  {
    int local = stop_signal != 0 ? 1 : 0, any = 0;
    MPI_Allreduce(&local, &any, 1, MPI_INT, MPI_MAX, comm);
    return any != 0;
  }
} // namespace NOxFlow
