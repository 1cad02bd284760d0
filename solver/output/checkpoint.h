#ifndef noxflow_solver_output_checkpoint_h
#define noxflow_solver_output_checkpoint_h

#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>

#include <ostream>
#include <string>
#include <vector>

namespace NOxFlow
{
  /// Where a run stands after an accepted operating point.
  struct CheckpointState
  {
    /// Last accepted control value (mA/cm2 or V).
    double control_value = 0.;
    /// F phi_s / RT of every electrode.
    std::vector<double> f_electrode_potentials;
    /// Targets reached so far (in case-file order).
    unsigned int targets_reached = 0;
    /// Rows of summary.tsv and field/electrode outputs written so far.
    unsigned int summary_rows = 0;
    unsigned int outputs      = 0;
    /// The XDMF time-series index of the fields written so far.
    std::string field_index;
    /// What the solution belongs to, for a restart to compare: the case's
    /// parameter listing, the NOxFlow version and the coarse mesh.
    std::string case_parameters;
    std::string version;
    std::string coarse_mesh;
  };

  /**
   * @brief Checkpoints of a run in <run>/checkpoints/checkpoint-NNNN/: the
   * distributed mesh and solution (p4est + SolutionTransfer, so a restart may
   * use another number of ranks), the CheckpointState, and a manifest with the
   * size and hash of every file.
   *
   * Writing is atomic: into checkpoint-NNNN.tmp, manifest last, then a
   * rename; the two newest checkpoints are kept. The free space is checked
   * first and every write is checked (OutputError), so a full disk ends
   * the run with the last checkpoint intact. Loading takes the newest
   * checkpoint whose manifest matches its files and reports damaged ones.
   */
  class Checkpoints
  {
  public:
    Checkpoints(const std::string &run_directory, const MPI_Comm comm);

    template <int dim>
    void
    save(const Discretization<dim>                &discretization,
         const dealii::PETScWrappers::MPI::Vector &ghosted_solution,
         const CheckpointState                    &state);

    /// Folder of the newest intact checkpoint; damaged ones are named on
    /// @p warnings. Throws InputError if there is none.
    std::string
    newest_intact(std::ostream &warnings) const;

    /// Replaces the refinement and partition of @p tria (built from the same
    /// coarse mesh) by the checkpoint's; before any DoFs are distributed.
    template <int dim>
    static void
    load_mesh(dealii::parallel::distributed::Triangulation<dim> &tria,
              const std::string                                 &folder);

    /// The checkpoint's solution on @p discretization (set up after
    /// load_mesh), into an owned vector.
    template <int dim>
    static void
    load_solution(const Discretization<dim>          &discretization,
                  dealii::PETScWrappers::MPI::Vector &owned_solution);

    static CheckpointState
    load_state(const std::string &folder);

  private:
    std::string  directory;
    MPI_Comm     comm;
    unsigned int next_index = 0;
  };
} // namespace NOxFlow

#endif
