// The transport linear solver's preconditioner reuse within a Newton solve:
// a later, similar matrix of the same Newton solve keeps the preconditioner
// and is still solved exactly (FGMRES works on the new matrix); a new
// Newton solve or a matrix that makes the iterations grow build anew; the
// direct solver keeps its factorisation by the same rule. And which BoomerAMG
// the species blocks get. Serial and on two ranks.
#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/nonlinear/linear_solver.h>

#include <gtest/gtest.h>

#include <memory>

using namespace dealii;
using namespace NOxFlow;

namespace
{
  constexpr unsigned int n_nodes = 400;

  /// Two fields on a chain of nodes, interleaved (species at 2k, potential
  /// at 2k+1) so that each rank owns part of both: upwinded advection-
  /// diffusion of the species with strength @p peclet, a Laplacian for the
  /// potential (shifted to be definite), coupled by migration-like terms.
  /// The species' diagonal is scaled by @p diagonal_factor.
  class TwoFieldSystem
  {
  public:
    TwoFieldSystem()
      : comm(MPI_COMM_WORLD)
      , n_dofs(2 * n_nodes)
    {
      const unsigned int ranks = Utilities::MPI::n_mpi_processes(comm);
      const unsigned int rank  = Utilities::MPI::this_mpi_process(comm);
      // Contiguous blocks of whole nodes per rank.
      const unsigned int first = 2 * (n_nodes * rank / ranks);
      const unsigned int last  = 2 * (n_nodes * (rank + 1) / ranks);
      owned                    = IndexSet(n_dofs);
      owned.add_range(first, last);
      owned_by_field.assign(2, IndexSet(n_dofs));
      for (unsigned int i = first; i < last; ++i)
        owned_by_field[i % 2].add_index(i);
      DynamicSparsityPattern dsp(n_dofs, n_dofs, owned);
      for (const auto i : owned)
        for (const auto j : columns(i))
          dsp.add(i, j);
      matrix.reinit(owned, owned, dsp, comm);
      rhs.reinit(owned, comm);
      for (const auto i : owned)
        rhs(i) = 1. + 0.5 * std::sin(0.1 * i);
      rhs.compress(VectorOperation::insert);
    }

    void
    fill(const double peclet, const double diagonal_factor)
    {
      matrix = 0.;
      for (const auto i : owned)
        {
          const bool                                 species = i % 2 == 0;
          const std::vector<types::global_dof_index> cols    = columns(i);
          for (const auto j : cols)
            {
              double a = 0.;
              if (j == i)
                a = species ? (2. + peclet) * diagonal_factor : 2.1;
              else if (j % 2 == i % 2)
                a = species && j < i ? -1. - peclet : -1.;
              else
                a = species ? 0.05 : -0.2;
              matrix.set(i, j, a);
            }
        }
      matrix.compress(VectorOperation::insert);
    }

    /// |A x - b| / |b|.
    double
    relative_residual(const PETScWrappers::MPI::Vector &x) const
    {
      PETScWrappers::MPI::Vector r(owned, comm);
      matrix.vmult(r, x);
      r -= rhs;
      return r.l2_norm() / rhs.l2_norm();
    }

    MPI_Comm                         comm;
    types::global_dof_index          n_dofs;
    IndexSet                         owned;
    std::vector<IndexSet>            owned_by_field;
    PETScWrappers::MPI::SparseMatrix matrix;
    PETScWrappers::MPI::Vector       rhs;

  private:
    std::vector<types::global_dof_index>
    columns(const types::global_dof_index i) const
    {
      std::vector<types::global_dof_index> result;
      const types::global_dof_index        node = i / 2;
      for (const int d : {-1, 0, 1})
        if (static_cast<int>(node) + d >= 0 && node + d < n_nodes)
          result.push_back(i + 2 * d);
      result.push_back(i % 2 == 0 ? i + 1 : i - 1); // the other field
      std::sort(result.begin(), result.end());
      return result;
    }
  };

  LinearSolverSettings
  settings(const std::string &type)
  {
    LinearSolverSettings s;
    s.type               = type;
    s.relative_tolerance = 1e-10;
    return s;
  }

  /// A linear solver for @p system's two fields (NO3- a species, and a
  /// potential: psi, or phi_s as in a cell with porous electrodes).
  std::unique_ptr<LinearSolver>
  solver_for(const TwoFieldSystem       &system,
             const LinearSolverSettings &s,
             const unsigned int          dim       = 2,
             const std::string          &potential = "psi")
  {
    return std::make_unique<LinearSolver>(s,
                                          system.owned_by_field,
                                          std::vector<std::string>{"NO3-",
                                                                   potential},
                                          1,
                                          dim,
                                          system.n_dofs,
                                          system.comm);
  }

  /// The PETSc option -fieldsplit_<field>_<option> while a solver for
  /// @p system with @p species_amg in @p dim dimensions exists ("unset" if
  /// neither it nor the user set it).
  std::string
  field_option(const TwoFieldSystem &system,
               const std::string    &species_amg,
               const unsigned int    dim,
               const std::string    &field,
               const std::string    &option)
  {
    auto s               = settings("iterative");
    s.species_amg        = species_amg;
    const auto solver    = solver_for(system, s, dim);
    char       value[64] = "";
    PetscBool  set       = PETSC_FALSE;
    const auto name      = "-fieldsplit_" + field + "_" + option;
    PetscOptionsGetString(
      nullptr, nullptr, name.c_str(), value, sizeof(value), &set);
    return set ? std::string(value) : std::string("unset");
  }

  /// Fills @p system's matrix (TwoFieldSystem::fill), hands it to @p solver
  /// and solves; the Krylov iterations.
  unsigned int
  fill_and_solve(TwoFieldSystem             &system,
                 LinearSolver               &solver,
                 const double                peclet,
                 const double                diagonal_factor,
                 const bool                  same_newton_solve,
                 PETScWrappers::MPI::Vector &x)
  {
    system.fill(peclet, diagonal_factor);
    solver.set_operator(system.matrix, same_newton_solve);
    return solver.solve(system.rhs, x);
  }
} // namespace

TEST(LinearSolverReuse, SimilarMatrixOfTheSameNewtonSolveKeepsThePreconditioner)
{
  TwoFieldSystem             system;
  const auto                 solver = solver_for(system, settings("iterative"));
  PETScWrappers::MPI::Vector x(system.owned, system.comm);

  fill_and_solve(system, *solver, 5., 1., false, x);
  EXPECT_FALSE(solver->kept_preconditioner());
  EXPECT_LT(system.relative_residual(x), 1e-9);

  // A later Newton step: the matrix moved a little.
  fill_and_solve(system, *solver, 5., 1.02, true, x);
  EXPECT_TRUE(solver->kept_preconditioner());
  // Solved with the new matrix, not the one the preconditioner was built on.
  EXPECT_LT(system.relative_residual(x), 1e-9);

  // A new Newton solve always builds anew.
  fill_and_solve(system, *solver, 5., 1.02, false, x);
  EXPECT_FALSE(solver->kept_preconditioner());
  EXPECT_LT(system.relative_residual(x), 1e-9);
}

// A solve from a guess (Newton's bordered column from the last step's)
// stops at the same accuracy relative to |b| in fewer iterations; a guess
// worse than zero is dropped and costs nothing.
TEST(LinearSolverReuse, SolveFromAGoodGuessTakesFewerIterations)
{
  TwoFieldSystem             system;
  const auto                 solver = solver_for(system, settings("iterative"));
  PETScWrappers::MPI::Vector x(system.owned, system.comm);
  const unsigned int         from_zero =
    fill_and_solve(system, *solver, 5., 1., false, x);
  ASSERT_GT(from_zero, 3u);

  // A guess 1e-4 off the solution.
  PETScWrappers::MPI::Vector guess = x;
  guess *= 1. + 1e-4;
  const unsigned int warm = solver->solve(system.rhs, guess, true);
  EXPECT_LT(system.relative_residual(guess), 1e-9);
  EXPECT_LT(warm, from_zero);

  // A guess far off (residual above |b|): the solve starts from zero.
  PETScWrappers::MPI::Vector far = x;
  far *= 1e3;
  PETScWrappers::MPI::Vector cold(system.owned, system.comm);
  const unsigned int         n_cold = solver->solve(system.rhs, cold);
  const unsigned int         n_far  = solver->solve(system.rhs, far, true);
  EXPECT_LT(system.relative_residual(far), 1e-9);
  EXPECT_EQ(n_far, n_cold);
}

TEST(LinearSolverReuse, GrowingIterationsBuildAnew)
{
  TwoFieldSystem             system;
  const auto                 solver = solver_for(system, settings("iterative"));
  PETScWrappers::MPI::Vector x(system.owned, system.comm);

  const unsigned int fresh = fill_and_solve(system, *solver, 50., 1., false, x);
  // Advection strength changed: the kept preconditioner no longer fits.
  const unsigned int stale = fill_and_solve(system, *solver, 0., 1., true, x);
  ASSERT_TRUE(solver->kept_preconditioner());
  EXPECT_LT(system.relative_residual(x), 1e-9);
  ASSERT_GT(stale, 1.2 * fresh + 2) << "the test's matrices are too similar";

  fill_and_solve(system, *solver, 0., 1., true, x);
  EXPECT_FALSE(solver->kept_preconditioner());
  EXPECT_LT(system.relative_residual(x), 1e-9);
}

// A kept preconditioner that cannot carry the solve within the iteration
// limit is built anew for the same matrix, and the solve succeeds.
TEST(LinearSolverReuse, FailingKeptPreconditionerIsBuiltAnew)
{
  TwoFieldSystem             system;
  PETScWrappers::MPI::Vector x(system.owned, system.comm);
  unsigned int               fresh = 0, stale = 0;
  {
    const auto solver = solver_for(system, settings("iterative"));
    fresh             = fill_and_solve(system, *solver, 0., 1., false, x);
  }
  {
    const auto solver = solver_for(system, settings("iterative"));
    fill_and_solve(system, *solver, 50., 1., false, x);
    stale = fill_and_solve(system, *solver, 0., 1., true, x);
  }
  ASSERT_GT(stale, fresh + 1) << "the test's matrices are too similar";

  auto limited           = settings("iterative");
  limited.max_iterations = (fresh + stale) / 2;
  const auto solver      = solver_for(system, limited);
  fill_and_solve(system, *solver, 50., 1., false, x);
  system.fill(0., 1.);
  solver->set_operator(system.matrix, true);
  ASSERT_TRUE(solver->kept_preconditioner());
  unsigned int total = 0;
  EXPECT_NO_THROW(total = solver->solve(system.rhs, x));
  EXPECT_FALSE(solver->kept_preconditioner());
  EXPECT_EQ(total, limited.max_iterations + fresh); // both attempts count
  EXPECT_LT(system.relative_residual(x), 1e-9);
}

// The direct solver keeps its LU factorisation the same way: one FGMRES
// iteration with a fresh factorisation, a few with a kept one, and a
// matrix the kept one no longer fits is factorised anew after at most
// kept_factorisation_iterations.
TEST(LinearSolverReuse, DirectSolverKeepsItsFactorisationWithinANewtonSolve)
{
  TwoFieldSystem             system;
  const auto                 solver = solver_for(system, settings("direct"));
  PETScWrappers::MPI::Vector x(system.owned, system.comm);
  EXPECT_EQ(fill_and_solve(system, *solver, 5., 1., false, x), 1u);
  EXPECT_LT(system.relative_residual(x), 1e-9);

  const unsigned int kept =
    fill_and_solve(system, *solver, 5., 1.0001, true, x);
  EXPECT_TRUE(solver->kept_preconditioner()); // still: within the limit
  EXPECT_GT(kept, 1u); // FGMRES corrects the old factorisation
  EXPECT_LT(system.relative_residual(x), 1e-9);

  fill_and_solve(system, *solver, 5., 1.0001, false, x);
  EXPECT_FALSE(solver->kept_preconditioner());

  // Advection switched off: the kept LU of the advective matrix gives up
  // at its iteration limit and the new matrix is factorised.
  fill_and_solve(system, *solver, 50., 1., false, x);
  const unsigned int stale = fill_and_solve(system, *solver, 0., 1., true, x);
  EXPECT_FALSE(solver->kept_preconditioner());
  EXPECT_EQ(stale, LinearSolver::kept_factorisation_iterations + 1);
  EXPECT_LT(system.relative_residual(x), 1e-9);
}

// Species blocks: AIR (restriction type 1) where asked, and under "auto" in
// 3D and in 2D up to the limit unless the cell has porous electrodes (a
// solid potential); classical BoomerAMG (no AIR option set) otherwise.
TEST(LinearSolverSpeciesAmg,
     AutoChoosesAirOnCoarseAnd3dMeshesWithoutPorousElectrodes)
{
  TwoFieldSystem system;
  const auto     restriction = [&](const std::string &species_amg,
                               const unsigned int dim,
                               const unsigned int limit,
                               const std::string &potential = "psi") {
    auto s                       = settings("iterative");
    s.species_amg                = species_amg;
    s.classical_species_amg_from = limit;
    const auto solver            = solver_for(system, s, dim, potential);
    PetscInt   value             = 0;
    PetscBool  set               = PETSC_FALSE;
    PetscOptionsGetInt(nullptr,
                       nullptr,
                       "-fieldsplit_NO3m_pc_hypre_boomeramg_restriction_type",
                       &value,
                       &set);
    return set ? value : PetscInt(-1);
  };
  EXPECT_EQ(restriction("air", 2, 0), 1);
  EXPECT_EQ(restriction("classical", 3, 1000000), -1);
  EXPECT_EQ(restriction("auto", 2, system.n_dofs), 1);
  EXPECT_EQ(restriction("auto", 2, system.n_dofs - 1), -1);
  EXPECT_EQ(restriction("auto", 3, 0), 1);
  EXPECT_EQ(restriction("auto", 2, system.n_dofs, "phi_s"), -1);
  EXPECT_EQ(restriction("auto", 3, 0, "phi_s"), -1);
  EXPECT_EQ(restriction("air", 3, 0, "phi_s"), 1);
}

// Classical species blocks in 3D coarsen sparsely (HMIS, as the
// potentials); in 2D and on AIR blocks they keep BoomerAMG's coarsening.
TEST(LinearSolverSpeciesAmg, ThreeDimensionalClassicalBlocksCoarsenSparsely)
{
  TwoFieldSystem system;
  const auto     coarsening = [&](const std::string &species_amg,
                              const unsigned int dim,
                              const std::string &field) {
    return field_option(
      system, species_amg, dim, field, "pc_hypre_boomeramg_coarsen_type");
  };
  EXPECT_EQ(coarsening("classical", 3, "NO3m"), "HMIS");
  EXPECT_EQ(coarsening("classical", 2, "NO3m"), "unset");
  EXPECT_EQ(coarsening("air", 3, "NO3m"), "unset");
  EXPECT_EQ(coarsening("classical", 2, "psi"), "HMIS");
}

// Classical BoomerAMG blocks in 2D relax with one forward sweep down the
// V-cycle and one backward sweep up; in 3D, and on AIR blocks, they keep
// their own relaxation.
TEST(LinearSolverSpeciesAmg, TwoDimensionalClassicalBlocksSweepOnceEachWay)
{
  TwoFieldSystem system;
  const auto     down_sweep = [&](const std::string &species_amg,
                              const unsigned int dim,
                              const std::string &field) {
    return field_option(
      system, species_amg, dim, field, "pc_hypre_boomeramg_relax_type_down");
  };
  EXPECT_EQ(down_sweep("classical", 2, "NO3m"), "SOR/Jacobi");
  EXPECT_EQ(down_sweep("classical", 2, "psi"), "SOR/Jacobi");
  EXPECT_EQ(down_sweep("air", 2, "NO3m"), "unset");
  EXPECT_EQ(down_sweep("air", 2, "psi"), "SOR/Jacobi");
  EXPECT_EQ(down_sweep("classical", 3, "NO3m"), "unset");
  EXPECT_EQ(down_sweep("classical", 3, "psi"), "unset");
}
