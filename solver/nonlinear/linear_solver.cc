#include <petscpc.h>

#include <solver/base/petsc_check.h>
#include <solver/nonlinear/linear_solver.h>

#include <algorithm>

namespace NOxFlow
{

  void
  LinearSolver::set_default(const std::string &name, const std::string &value)
  {
    PetscBool is_set = PETSC_FALSE;
    NOXFLOW_PETSC(PetscOptionsHasName(nullptr, nullptr, name.c_str(), &is_set));
    if (!is_set)
      {
        NOXFLOW_PETSC(
          PetscOptionsSetValue(nullptr, name.c_str(), value.c_str()));
        defaults_set.push_back(name);
      }
  }

  void
  LinearSolver::set_one_way_sweeps(const std::string &prefix)
  {
    // One forward hybrid Gauss-Seidel sweep down the V-cycle and one
    // backward sweep up (hypre's own default; PETSc's is a symmetric sweep,
    // forward and backward, on both legs): the cycle stays symmetric at half
    // the relaxation work. Relaxation was 27 % of the 2D channel's run at
    // 572k DoFs; its linear solves 36.0 -> 28.2 s (Krylov iterations +7 %),
    // the 2D zero-gap cell's 1.64 -> 1.40 s. Not in 3D: there the
    // potentials' iterations grew 14-15 % and the time stayed
    // (benchmarks/README.md).
    set_default(prefix + "pc_hypre_boomeramg_relax_type_down", "SOR/Jacobi");
    set_default(prefix + "pc_hypre_boomeramg_relax_type_up",
                "backward-SOR/Jacobi");
  }

  void
  LinearSolver::set_sparse_coarsening(const std::string &prefix,
                                      const unsigned int dim,
                                      const std::string &strong_threshold)
  {
    // HMIS coarsening with extended+i interpolation of at most 4 entries a
    // row, aggressive on the first level in 3D: sparse coarse levels, where
    // PETSc's defaults (Falgout, threshold 0.25) grow dense operators in 3D
    // (solver-notes.md). On the 3D zero-gap cell's classical species blocks
    // (53.7k DoFs) the linear solves 16.4 -> 13.6 s.
    set_default(prefix + "pc_hypre_boomeramg_coarsen_type", "HMIS");
    set_default(prefix + "pc_hypre_boomeramg_interp_type", "ext+i");
    set_default(prefix + "pc_hypre_boomeramg_strong_threshold",
                strong_threshold);
    set_default(prefix + "pc_hypre_boomeramg_P_max", "4");
    if (dim == 3)
      set_default(prefix + "pc_hypre_boomeramg_agg_nl", "1");
  }

  std::string
  LinearSolver::petsc_field_name(const std::string &name)
  {
    std::string result;
    for (const char ch : name)
      result += ch == '+' ? 'p' : ch == '-' ? 'm' : std::isalnum(ch) ? ch : '_';
    return result;
  }

  LinearSolver::LinearSolver(
    const LinearSolverSettings           &settings,
    const std::vector<dealii::IndexSet>  &owned_by_field,
    const std::vector<std::string>       &names,
    const unsigned int                    n_species_fields,
    const unsigned int                    dim,
    const dealii::types::global_dof_index n_dofs,
    const MPI_Comm                        comm)
    : direct(settings.type == "direct" ||
             (settings.type == "auto" && n_dofs <= settings.direct_limit))
    , relative_tolerance(settings.relative_tolerance)
    , max_iterations(settings.max_iterations)
  {
    if (!settings.petsc_options.empty())
      NOXFLOW_PETSC(
        PetscOptionsInsertString(nullptr, settings.petsc_options.c_str()));

    if (direct)
      {
        set_default("-ksp_type", "fgmres");
        set_default("-pc_type", "lu");
        set_default("-pc_factor_mat_solver_type", "mumps");
      }
    else
      {
        set_default("-ksp_type", "fgmres");
        set_default("-ksp_gmres_restart", "200");
        set_default("-pc_type", "fieldsplit");
        set_default("-pc_fieldsplit_type", "multiplicative");
        // Porous electrodes (a solid potential): classical AMG per species
        // at every size. There the species blocks carry the volume
        // kinetics and the membrane's migration; AIR's iterations grew with
        // the mesh. On the zero-gap cell, FGMRES iterations per Newton step
        // with AIR against classical were 27/22, 40/23 and 90/27 at 10.7k,
        // 43k and 170k DoFs (2D), and 45/34 at 53.7k DoFs (3D)
        // (benchmarks/README.md).
        const bool porous_electrodes =
          std::find(names.begin(), names.end(), "phi_s") != names.end();
        const bool air =
          settings.species_amg == "air" ||
          (settings.species_amg == "auto" && !porous_electrodes &&
           (dim == 3 || n_dofs <= settings.classical_species_amg_from));
        for (unsigned int f = 0; f < names.size(); ++f)
          {
            const std::string p =
              "-fieldsplit_" + petsc_field_name(names[f]) + "_";
            set_default(p + "ksp_type", "preonly");
            if (f < n_species_fields)
              {
                // Species: advection-dominated, nonsymmetric blocks.
                // BoomerAMG with approximate-ideal restriction (AIR, for
                // advection): on the 2D channel 15-17 FGMRES iterations per
                // Newton step at 37k and 144k DoFs, where block-Jacobi ILU(0)
                // took 36 and 69. F-C-F Jacobi relaxation (AIR's own) and a
                // strength threshold of 0.5 keep the iterations and cut the
                // channel ramp's solve time by 16 % (benchmarks/README.md).
                // On finer 2D meshes the blocks turn diffusion-dominated
                // and classical BoomerAMG wins: on the channel (Krylov
                // iterations per Newton step, AIR against classical) 20/22
                // at 36.5k, 22/22 at 144k, 28/23 at 572k, 47/25 at 2.3M
                // DoFs (benchmarks/README.md).
                set_default(p + "pc_type", "hypre");
                set_default(p + "pc_hypre_type", "boomeramg");
                if (air)
                  {
                    set_default(p + "pc_hypre_boomeramg_restriction_type", "1");
                    set_default(p + "pc_hypre_boomeramg_relax_type_all",
                                "FCF-Jacobi");
                    set_default(p + "pc_hypre_boomeramg_strong_threshold",
                                "0.5");
                  }
                else if (dim == 2)
                  set_one_way_sweeps(p);
                else
                  set_sparse_coarsening(p, dim, "0.5");
                continue;
              }
            // Potentials (electrolyte, solid phase): elliptic; tuned
            // BoomerAMG (solver-notes.md: PETSc's defaults are a trap in 3D).
            // ILU(0) on the electrolyte potential of a porous-electrode case
            // took 290 FGMRES iterations per Newton step (3D zero-gap, 54k
            // DoFs).
            set_default(p + "pc_type", "hypre");
            set_default(p + "pc_hypre_type", "boomeramg");
            // The solid phase (conduction through the porous electrodes,
            // the kinetic exchange on its diagonal, identity rows outside):
            // at a threshold of 0.8 the zero-gap cell's FGMRES iterations
            // per Newton step drop 58 -> 26 (2D, 10.7k DoFs) and about 490
            // -> 48 (3D, 32k), as with LU on that block
            // (benchmarks/README.md).
            const bool solid_phase = names[f] == "phi_s";
            set_sparse_coarsening(p,
                                  dim,
                                  solid_phase ? "0.8" :
                                  dim == 3    ? "0.5" :
                                                "0.25");
            if (dim == 2)
              set_one_way_sweeps(p);
          }
      }

    NOXFLOW_PETSC(KSPCreate(comm, &ksp));
    NOXFLOW_PETSC(KSPSetTolerances(ksp,
                                   settings.relative_tolerance,
                                   1e-300,
                                   PETSC_DEFAULT,
                                   settings.max_iterations));
    NOXFLOW_PETSC(KSPSetFromOptions(ksp));

    PC pc;
    NOXFLOW_PETSC(KSPGetPC(ksp, &pc));
    PetscBool is_fieldsplit = PETSC_FALSE;
    NOXFLOW_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(pc),
                                         PCFIELDSPLIT,
                                         &is_fieldsplit));
    if (is_fieldsplit)
      for (unsigned int f = 0; f < names.size(); ++f)
        {
          std::vector<PetscInt> indices;
          for (const auto i : owned_by_field[f])
            indices.push_back(i);
          IS is;
          NOXFLOW_PETSC(ISCreateGeneral(
            comm, indices.size(), indices.data(), PETSC_COPY_VALUES, &is));
          NOXFLOW_PETSC(
            PCFieldSplitSetIS(pc, petsc_field_name(names[f]).c_str(), is));
          field_sets.push_back(is);
        }
  }

  LinearSolver::~LinearSolver()
  {
    for (auto &is : field_sets)
      ISDestroy(&is);
    if (ksp)
      KSPDestroy(&ksp);
    // Leave PETSc's option database as the user set it.
    for (const auto &name : defaults_set)
      PetscOptionsClearValue(nullptr, name.c_str());
  }

  void
  LinearSolver::set_operator(
    const dealii::PETScWrappers::MPI::SparseMatrix &matrix,
    const bool                                      same_newton_solve)
  {
    // On the 2D channel ramp (AIR per species) keeping it while the count
    // grows by at most 20 % cut the solve time 15.5 -> 14.3 s (Krylov
    // iterations +16 %); a 50 % margin saved less (14.6 s).
    // The same rule keeps an LU factorisation while FGMRES needs at most 3
    // iterations with it: the channel ramp's direct solves 19.8 -> 15.7 s
    // at 36.5k DoFs, 3.9 -> 3.0 s at 9.4k (limits of 2 to 8 iterations, or
    // keeping it across Newton solves too, measured no better).
    // A Newton solve whose matrices changed too much for a kept one once
    // (logarithmic unknowns far from the solution) builds anew after that.
    if (!same_newton_solve)
      kept_one_failed = false;
    kept = same_newton_solve && !kept_one_failed && fresh_iterations > 0 &&
           latest_iterations <= 1.2 * fresh_iterations + 2;
    NOXFLOW_PETSC(
      KSPSetReusePreconditioner(ksp, kept ? PETSC_TRUE : PETSC_FALSE));
    const Mat mat = matrix;
    NOXFLOW_PETSC(KSPSetOperators(ksp, mat, mat));
    if (!kept)
      {
        fresh_iterations  = 0;
        latest_iterations = 0;
      }
  }

  void
  LinearSolver::set_forcing(const double newton_residual)
  {
    // A kept LU solves to at most 1e-6: at 1e-4 a logarithmic Galerkin
    // potential step (plateau test) lost its line search near convergence;
    // 1e-5 and below pass, and 1e-6 keeps most of the gain (channel ramp's
    // direct solves 19.8 -> 15.7 s, against 13.5 s at 1e-4).
    const double largest_tolerance =
      direct ? std::min(relative_tolerance, 1e-6) : relative_tolerance;
    NOXFLOW_PETSC(
      KSPSetTolerances(ksp,
                       std::min(largest_tolerance, 0.1 * newton_residual),
                       1e-300,
                       PETSC_DEFAULT,
                       max_iterations));
  }

  unsigned int
  LinearSolver::solve(const dealii::PETScWrappers::MPI::Vector &b,
                      dealii::PETScWrappers::MPI::Vector       &x,
                      const bool                                from_guess)
  {
    // One Krylov solve, from x = 0 or from the guess in x; the iterations
    // of one from zero count toward the reuse rule when it converges (a
    // good guess would hide a preconditioner gone stale).
    const auto attempt = [&](PetscInt &iterations, const bool warm) {
      if (!warm)
        x = 0.;
      NOXFLOW_PETSC(
        KSPSetInitialGuessNonzero(ksp, warm ? PETSC_TRUE : PETSC_FALSE));
      PetscReal rtol, abstol, dtol;
      PetscInt  limit;
      NOXFLOW_PETSC(KSPGetTolerances(ksp, &rtol, &abstol, &dtol, &limit));
      NOXFLOW_PETSC(KSPSetTolerances(ksp,
                                     rtol,
                                     abstol,
                                     dtol,
                                     direct && kept ?
                                       kept_factorisation_iterations :
                                       max_iterations));
      NOXFLOW_PETSC(KSPSolve(ksp, b, x));
      KSPConvergedReason reason;
      NOXFLOW_PETSC(KSPGetConvergedReason(ksp, &reason));
      NOXFLOW_PETSC(KSPGetIterationNumber(ksp, &iterations));
      if (reason >= 0 && !warm)
        {
          const unsigned int n = std::max<PetscInt>(iterations, 1);
          if (fresh_iterations == 0)
            fresh_iterations = n;
          else
            latest_iterations = std::max(latest_iterations, n);
        }
      return reason;
    };
    // A guess worse than zero (residual above |b|) is dropped.
    bool warm = from_guess;
    if (warm)
      {
        Mat a, p;
        NOXFLOW_PETSC(KSPGetOperators(ksp, &a, &p));
        dealii::PETScWrappers::MPI::Vector r(b);
        NOXFLOW_PETSC(MatMult(a, x, r));
        r.sadd(-1., b);
        warm = r.l2_norm() < b.l2_norm();
      }
    PetscInt           iterations = 0;
    KSPConvergedReason reason     = attempt(iterations, warm);
    PetscInt           total      = iterations;
    if (reason < 0 && kept)
      {
        // The kept preconditioner no longer carries the solve: build it for
        // this matrix (changed since that setup) and try again.
        Mat a, p;
        NOXFLOW_PETSC(KSPGetOperators(ksp, &a, &p));
        kept            = false;
        kept_one_failed = true;
        NOXFLOW_PETSC(KSPSetReusePreconditioner(ksp, PETSC_FALSE));
        NOXFLOW_PETSC(KSPSetOperators(ksp, a, p));
        fresh_iterations  = 0;
        latest_iterations = 0;
        reason            = attempt(iterations, false);
        total += iterations;
      }
    if (reason < 0)
      throw LinearSolveFailure(std::string("linear solver failed: ") +
                               KSPConvergedReasons[reason] + " after " +
                               std::to_string(total) + " iterations");
    return total;
  }
} // namespace NOxFlow
