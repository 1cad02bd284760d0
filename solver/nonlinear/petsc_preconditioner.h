#ifndef noxflow_solver_nonlinear_petsc_preconditioner_h
#define noxflow_solver_nonlinear_petsc_preconditioner_h

#include <deal.II/lac/petsc_matrix_base.h>
#include <deal.II/lac/petsc_vector.h>

#include <petscpc.h>

#include <string>
#include <utility>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief A PETSc PC on one matrix, configured by options under a prefix:
   * the given defaults apply unless the user set that option (case file
   * `PETSc options` or command line), e.g. -flow_velocity_pc_type gamg.
   */
  class PetscPreconditioner
  {
  public:
    using Options = std::vector<std::pair<std::string, std::string>>;

    PetscPreconditioner(const dealii::PETScWrappers::MatrixBase &matrix,
                        const std::string                       &prefix,
                        const Options                           &defaults);
    ~PetscPreconditioner();

    PetscPreconditioner(const PetscPreconditioner &) = delete;
    PetscPreconditioner &
    operator=(const PetscPreconditioner &) = delete;

    /// dst = P^-1 src.
    void
    vmult(dealii::PETScWrappers::MPI::Vector       &dst,
          const dealii::PETScWrappers::MPI::Vector &src) const;

  private:
    PC pc = nullptr;
  };
} // namespace NOxFlow

#endif
