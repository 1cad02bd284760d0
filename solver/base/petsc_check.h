#ifndef noxflow_solver_base_petsc_check_h
#define noxflow_solver_base_petsc_check_h

#include <petscsys.h>

#include <stdexcept>
#include <string>

namespace NOxFlow
{
  /// Throws if a raw PETSc call failed, naming the call.
  inline void
  check_petsc(const PetscErrorCode code, const char *call)
  {
    if (code != 0)
      throw std::runtime_error(std::string("PETSc call failed: ") + call +
                               " (error code " + std::to_string(code) + ")");
  }
} // namespace NOxFlow

#define NOXFLOW_PETSC(call) ::NOxFlow::check_petsc((call), #call)

#endif
