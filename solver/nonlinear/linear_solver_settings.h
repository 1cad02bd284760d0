#ifndef noxflow_solver_nonlinear_linear_solver_settings_h
#define noxflow_solver_nonlinear_linear_solver_settings_h

#include <string>

namespace NOxFlow
{
  /// @brief Choice and tolerances of the transport linear solver (case file:
  /// `Linear solver`).
  struct LinearSolverSettings
  {
    /// "auto" (direct up to direct_limit DoFs, else iterative; on the 2D
    /// channel the iterative solver is faster from ~25k DoFs, 2.5x at 144k),
    /// "iterative" (FGMRES + field split) or "direct" (MUMPS).
    std::string  type         = "auto";
    unsigned int direct_limit = 25000;
    /// BoomerAMG of the species blocks: "air", "classical", or "auto"
    /// (classical with porous electrodes; otherwise AIR in 3D and in 2D up
    /// to classical_species_amg_from DoFs).
    std::string  species_amg                = "auto";
    unsigned int classical_species_amg_from = 300000;
    double       relative_tolerance         = 1e-4;
    unsigned int max_iterations             = 1000;
    /// Extra PETSc options, e.g. "-ksp_monitor".
    std::string petsc_options;
  };
} // namespace NOxFlow

#endif
