#ifndef noxflow_solver_flow_block_preconditioner_h
#define noxflow_solver_flow_block_preconditioner_h

#include <deal.II/lac/petsc_block_sparse_matrix.h>
#include <deal.II/lac/petsc_block_vector.h>

#include <solver/nonlinear/petsc_preconditioner.h>

#include <memory>
#include <string>

namespace NOxFlow
{
  /**
   * @brief Block upper-triangular preconditioner for the saddle point
   * [A B^T; B 0] of velocity and pressure:
   *   y_p = -(S_visc^-1 + S_darcy^-1) r_p,  y_u = A^-1 (r_u - B^T y_p),
   * with A^-1 either MUMPS LU of the velocity block (small problems) or
   * one BoomerAMG V-cycle on the low-order (iso-Q1) velocity operator
   * (LowOrderVelocityMatrix); S_visc^-1 the Jacobi inverse of the pressure
   * mass matrix weighted by 1/mu_eff, and S_darcy^-1 one AMG cycle on the
   * Darcy pressure Laplacian (absent without porous cells).
   *
   * BoomerAMG on the Q2 velocity block itself is not offered: on the 3D
   * channel it needed 200 FGMRES iterations per Newton step at 0.3 s each
   * (benchmarks/README.md).
   *
   * Each part is a PETSc PC with its own option prefix (flow_velocity_,
   * flow_pressure_mass_, flow_darcy_), so users can tune them, e.g.
   * -flow_velocity_pc_hypre_boomeramg_strong_threshold 0.7.
   */
  class FlowBlockPreconditioner
  {
  public:
    using Matrix = dealii::PETScWrappers::MPI::BlockSparseMatrix;
    using Vector = dealii::PETScWrappers::MPI::BlockVector;

    /// @p low_order_velocity: the matrix for AMG, or nullptr for LU on
    /// the Jacobian's velocity block.
    FlowBlockPreconditioner(
      const Matrix                            &jacobian,
      const Matrix                            &pressure_mass,
      const Matrix                            *darcy_laplacian,
      const dealii::PETScWrappers::MatrixBase *low_order_velocity,
      const int                                dim)
      : jacobian(jacobian)
      , velocity(low_order_velocity ? *low_order_velocity :
                                      jacobian.block(0, 0),
                 "flow_velocity_",
                 low_order_velocity ?
                   amg_defaults(dim) :
                   PetscPreconditioner::Options{{"pc_type", "lu"},
                                                {"pc_factor_mat_solver_type",
                                                 "mumps"}})
      , mass(pressure_mass.block(1, 1),
             "flow_pressure_mass_",
             {{"pc_type", "jacobi"}})
    {
      if (darcy_laplacian != nullptr)
        darcy =
          std::make_unique<PetscPreconditioner>(darcy_laplacian->block(1, 1),
                                                "flow_darcy_",
                                                amg_defaults(dim));
    }

    void
    vmult(Vector &dst, const Vector &src) const
    {
      mass.vmult(dst.block(1), src.block(1));
      if (darcy)
        {
          pressure_tmp.reinit(src.block(1));
          darcy->vmult(pressure_tmp, src.block(1));
          dst.block(1) += pressure_tmp;
        }
      dst.block(1) *= -1.;

      velocity_tmp.reinit(src.block(0));
      jacobian.block(0, 1).vmult(velocity_tmp, dst.block(1));
      velocity_tmp.sadd(-1., 1., src.block(0));
      velocity.vmult(dst.block(0), velocity_tmp);
    }

  private:
    /// BoomerAMG settings that worked on this stack (solver-notes).
    static PetscPreconditioner::Options
    amg_defaults(const int dim)
    {
      return {{"pc_type", "hypre"},
              {"pc_hypre_type", "boomeramg"},
              {"pc_hypre_boomeramg_strong_threshold",
               dim == 3 ? "0.5" : "0.25"}};
    }

    const Matrix                              &jacobian;
    PetscPreconditioner                        velocity;
    PetscPreconditioner                        mass;
    std::unique_ptr<PetscPreconditioner>       darcy;
    mutable dealii::PETScWrappers::MPI::Vector velocity_tmp;
    mutable dealii::PETScWrappers::MPI::Vector pressure_tmp;
  };
} // namespace NOxFlow

#endif
