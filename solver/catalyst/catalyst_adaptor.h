#ifndef noxflow_solver_catalyst_catalyst_adaptor_h
#define noxflow_solver_catalyst_catalyst_adaptor_h

#include <mpi.h>

#include <memory>
#include <string>

namespace dealii::DataOutBase
{
  class DataOutFilter;
}

namespace NOxFlow
{
  /**
   * @brief Hands the fields of a run to a ParaView Catalyst (V2) Python
   * pipeline, in situ, on every MPI rank.
   *
   * The grid goes to the channel "input" as a vtkMultiBlockDataSet with one
   * block per rank (the rank's locally owned cells as a
   * vtkUnstructuredGrid, empty blocks elsewhere), with every field of the
   * filter as point data and the MPI rank as cell data "mpi_rank".
   *
   * The implementation (catalyst_adaptor.cc) is a plugin, libnoxflow_catalyst,
   * that create() loads: ParaView and Python are loaded only by runs that
   * name a Catalyst script, and nothing else includes VTK. Built with
   * NOXFLOW_WITH_CATALYST only.
   */
  class CatalystAdaptor
  {
  public:
    /**
     * @brief Loads the plugin and the script; collective over @p comm.
     * @param script Catalyst V2 Python script (relative to the working
     * directory or absolute).
     * @param directory Working directory of the pipeline: its extracts
     * (options.ExtractsOutputDirectory) are written relative to it.
     * @param comm Communicator of the run.
     */
    static std::unique_ptr<CatalystAdaptor>
    create(const std::string &script,
           const std::string &directory,
           const MPI_Comm     comm);

    /// Finalizes the pipeline (its catalyst_finalize()).
    virtual ~CatalystAdaptor() = default;

    /**
     * @brief Runs the pipeline on one state; collective over the
     * communicator. Throws if the script fails.
     * @param fields The local fields, as filled by filter_fields().
     * @param time The "time" ParaView shows (the operating point).
     * @param step The time step index (the accepted step).
     */
    virtual void
    execute(const dealii::DataOutBase::DataOutFilter &fields,
            const double                              time,
            const unsigned int                        step) = 0;
  };
} // namespace NOxFlow

#endif
