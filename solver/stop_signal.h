#ifndef noxflow_solver_stop_signal_h
#define noxflow_solver_stop_signal_h

#include <mpi.h>

namespace NOxFlow
{
  /**
   * @brief SIGTERM and SIGUSR1 (what Slurm and mpirun send before a time
   * limit or a cancel) ask the run to checkpoint and stop after the current
   * operating point instead of dying mid-way.
   */
  void
  install_stop_handlers();

  /// True on every rank if any rank received a stop signal.
  bool
  stop_requested(const MPI_Comm comm);
} // namespace NOxFlow

#endif
