#ifndef noxflow_solver_simulation_h
#define noxflow_solver_simulation_h

#include <deal.II/base/conditional_ostream.h>

#include <solver/case/case_parameters.h>
#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/discretization.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace NOxFlow
{
  /// One accepted operating point of a run.
  struct StepRecord
  {
    /// Galvanostatic: |current density| (mA/cm2); potentiostatic: V.
    double       control_value = 0.;
    bool         is_target     = false;
    CellReport   report;
    NewtonReport newton;
    double       wall_seconds = 0.;
  };

  /// A run stopped by a signal after writing a checkpoint (--restart).
  class RunStopped : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };

  /// A restart of a run that reached all its targets: nothing to do.
  class RunComplete : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };

  /**
   * @brief One run of a case: builds the geometry and the model, ramps
   * through the operating points and writes the summary, the fields and
   * the electrode current distributions into the output folder.
   *
   * Everything that can be checked is checked before the folder is
   * created, so bad input leaves nothing behind.
   */
  template <int dim>
  class Simulation
  {
  public:
    /// With @p restart, continues from the newest intact checkpoint in
    /// @p output_directory.
    Simulation(const CaseParameters &parameters,
               const std::string    &output_directory,
               const MPI_Comm        comm,
               std::ostream         &log_stream,
               const bool            restart = false);
    ~Simulation();

    /// Checks @p parameters as far as a run would before its first write
    /// (case, mesh, boundaries, model); throws InputError. Writes nothing.
    static void
    check(const CaseParameters &parameters, const MPI_Comm comm);

    /// Runs all operating points; throws ContinuationFailure (after writing
    /// what converged) if a target cannot be reached, RunStopped after a
    /// stop signal (checkpoint written).
    std::vector<StepRecord>
    run();

    const Discretization<dim> &
    discretization() const;

    const NernstPlanckModel<dim> &
    model() const;

  private:
    struct Implementation;
    std::unique_ptr<Implementation> impl;
  };
} // namespace NOxFlow

#endif
