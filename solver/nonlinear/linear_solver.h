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
   * field split: BoomerAMG per species (AIR restriction for advection-
   * dominated blocks, classical on fine 2D meshes and with porous
   * electrodes), a tuned BoomerAMG for
   * each potential (the electrolyte's,
   * and the solid phase of porous electrodes; option prefix
   * -fieldsplit_<field>_, field names from the solution components with + and
   * - written p and m, e.g. fieldsplit_NO3m_ and fieldsplit_psi_). Direct:
   * FGMRES preconditioned by a MUMPS LU factorisation (one iteration with a
   * fresh one). Type "auto" takes MUMPS up to a size limit. The
   * preconditioner is built at set_operator() (or kept, see there) and
   * reused by every solve until the next one.
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

    /// The next solves' matrix. A later matrix of the same Newton solve
    /// (@p same_newton_solve) keeps the preconditioner (field split or LU
    /// factorisation) built for an earlier one while the Krylov iterations
    /// stay within 1.2x + 2 those of that preconditioner's first solve and
    /// no kept one has failed in this Newton solve.
    /// FGMRES works on the new matrix, so the step stays a Newton step.
    void
    set_operator(const dealii::PETScWrappers::MPI::SparseMatrix &matrix,
                 const bool same_newton_solve = false);

    /// Solves of a Newton step at scaled residual norm
    /// @p newton_residual: relative tolerance min(set tolerance, 0.1 norm)
    /// (direct: min(set tolerance, 1e-6, 0.1 norm)), so that inexact steps
    /// keep Newton's quadratic convergence (Dembo, Eisenstat and Steihaug
    /// 1982) without over-solving early steps.
    void
    set_forcing(const double newton_residual);

    /// Solves A x = b to the relative tolerance in |b|, from x = 0 or, with
    /// @p from_guess, from the x given; returns the Krylov iterations. A
    /// kept preconditioner that fails (a kept LU: within
    /// kept_factorisation_iterations) is built anew for a second attempt
    /// from zero (the iterations of both are counted).
    /// Throws LinearSolveFailure if PETSc reports divergence.
    unsigned int
    solve(const dealii::PETScWrappers::MPI::Vector &b,
          dealii::PETScWrappers::MPI::Vector       &x,
          const bool                                from_guess = false);

    /// FGMRES iterations a kept LU factorisation may take before it is
    /// factorised anew: one factorisation costs about 11 solves with it
    /// (36.5k DoFs).
    static constexpr unsigned int kept_factorisation_iterations = 20;

    /// Whether the last set_operator() kept the earlier preconditioner.
    bool
    kept_preconditioner() const
    {
      return kept;
    }

    /// PETSc's name for a field, e.g. "NO3-" -> "NO3m".
    static std::string
    petsc_field_name(const std::string &name);

  private:
    /// Sets a PETSc option unless the user has set it already.
    void
    set_default(const std::string &name, const std::string &value);

    /// BoomerAMG options under @p prefix: a forward sweep down the V-cycle,
    /// a backward one up (classical blocks in 2D).
    void
    set_one_way_sweeps(const std::string &prefix);

    /// BoomerAMG options under @p prefix for sparse coarse levels: HMIS,
    /// ext+i interpolation, at most 4 entries a row, the given strength
    /// threshold, aggressive coarsening on the first level in 3D.
    void
    set_sparse_coarsening(const std::string &prefix,
                          const unsigned int dim,
                          const std::string &strong_threshold);

    std::vector<std::string> defaults_set;
    KSP                      ksp = nullptr;
    std::vector<IS>          field_sets;
    bool                     direct;
    double                   relative_tolerance;
    unsigned int             max_iterations;
    /// Krylov iterations of the first converged solve with the current
    /// preconditioner (0 before it, so 0 means fresh), and the most of any
    /// solve since.
    unsigned int fresh_iterations  = 0;
    unsigned int latest_iterations = 0;
    bool         kept              = false;
    /// A kept preconditioner failed in this Newton solve.
    bool kept_one_failed = false;
  };
} // namespace NOxFlow

#endif
