#include <solver/base/petsc_check.h>
#include <solver/nonlinear/petsc_preconditioner.h>

#include <stdexcept>

namespace NOxFlow
{

  PetscPreconditioner::PetscPreconditioner(
    const dealii::PETScWrappers::MatrixBase &matrix,
    const std::string                       &prefix,
    const Options                           &defaults)
  {
    // Defaults go into the options database only for this set-up, so that
    // user options win and nothing leaks into other solvers.
    std::vector<std::string> added;
    for (const auto &[name, value] : defaults)
      {
        const std::string option = "-" + prefix + name;
        PetscBool         is_set = PETSC_FALSE;
        NOXFLOW_PETSC(
          PetscOptionsHasName(nullptr, nullptr, option.c_str(), &is_set));
        if (!is_set)
          {
            NOXFLOW_PETSC(
              PetscOptionsSetValue(nullptr, option.c_str(), value.c_str()));
            added.push_back(option);
          }
      }
    NOXFLOW_PETSC(PCCreate(matrix.get_mpi_communicator(), &pc));
    NOXFLOW_PETSC(PCSetOperators(pc, matrix, matrix));
    NOXFLOW_PETSC(PCSetOptionsPrefix(pc, prefix.c_str()));
    NOXFLOW_PETSC(PCSetFromOptions(pc));
    NOXFLOW_PETSC(PCSetUp(pc));
    for (const auto &option : added)
      NOXFLOW_PETSC(PetscOptionsClearValue(nullptr, option.c_str()));
  }

  PetscPreconditioner::~PetscPreconditioner()
  {
    PCDestroy(&pc);
  }

  void
  PetscPreconditioner::vmult(
    dealii::PETScWrappers::MPI::Vector       &dst,
    const dealii::PETScWrappers::MPI::Vector &src) const
  {
    NOXFLOW_PETSC(PCApply(pc, src, dst));
  }
} // namespace NOxFlow
