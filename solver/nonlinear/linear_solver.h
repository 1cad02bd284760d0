#ifndef noxflow_solver_nonlinear_linear_solver_h
#define noxflow_solver_nonlinear_linear_solver_h

#include <deal.II/base/index_set.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <petscksp.h>

#include <solver/nonlinear/linear_solver_settings.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace NOxFlow
{
  /// A Krylov solve that did not converge (reason from PETSc).
  class LinearSolveFailure : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };

  /**
   * @brief A PETSc KSP on the distributed Jacobian, configured from
   * defaults that any PETSc option (case file or command line) overrides.
   *
   * Iterative default: FGMRES, right-preconditioned by a multiplicative
   * field split: block-Jacobi ILU(0) per species (advection-dominated
   * blocks), a tuned BoomerAMG for each potential (the electrolyte's, and
   * the solid phase of porous electrodes; option prefix
   * -fieldsplit_<field>_, field names from the solution components with + and
   * - written p and m, e.g. fieldsplit_NO3m_ and fieldsplit_psi_). Direct:
   * MUMPS LU. Type "auto" takes MUMPS up to a size limit. The preconditioner is
   * built once per set_operator() and reused by every solve until the next one.
   */
  class LinearSolver
  {
  public:
    LinearSolver(const LinearSolverSettings           &settings,
                 const std::vector<dealii::IndexSet>  &owned_dofs_by_field,
                 const std::vector<std::string>       &field_names,
                 const unsigned int                    n_species_fields,
                 const unsigned int                    dim,
                 const dealii::types::global_dof_index n_dofs,
                 const MPI_Comm                        comm);
    ~LinearSolver();
    LinearSolver(const LinearSolver &) = delete;
    LinearSolver &
    operator=(const LinearSolver &) = delete;

    void
    set_operator(const dealii::PETScWrappers::MPI::SparseMatrix &matrix);

    /// Solves A x = b from x = 0; returns the Krylov iterations. Throws
    /// LinearSolveFailure if PETSc reports divergence.
    unsigned int
    solve(const dealii::PETScWrappers::MPI::Vector &b,
          dealii::PETScWrappers::MPI::Vector       &x);

    /// PETSc's name for a field, e.g. "NO3-" -> "NO3m".
    static std::string
    petsc_field_name(const std::string &name);

  private:
    /// Sets a PETSc option unless the user has set it already.
    void
    set_default(const std::string &name, const std::string &value);

    std::vector<std::string> defaults_set;
    KSP                      ksp = nullptr;
    std::vector<IS>          field_sets;
    bool                     direct;
  };
} // namespace NOxFlow

#endif
