#ifndef noxflow_solver_flow_block_preconditioner_h
#define noxflow_solver_flow_block_preconditioner_h

#include <deal.II/lac/petsc_block_sparse_matrix.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/petsc_precondition.h>

#include <memory>

namespace NOxFlow
{
  /**
   * @brief Block upper-triangular preconditioner for the saddle point
   * [A B^T; B 0] of velocity and pressure:
   *   y_p = -(S_visc^-1 + S_darcy^-1) r_p,  y_u = A^-1 (r_u - B^T y_p),
   * with A^-1 one BoomerAMG V-cycle, S_visc^-1 the Jacobi inverse of the
   * pressure mass matrix weighted by 1/mu_eff, and S_darcy^-1 one BoomerAMG
   * V-cycle on the Darcy pressure Laplacian (absent without porous cells).
   */
  class FlowBlockPreconditioner
  {
  public:
    using Matrix = dealii::PETScWrappers::MPI::BlockSparseMatrix;
    using Vector = dealii::PETScWrappers::MPI::BlockVector;

    FlowBlockPreconditioner(const Matrix &jacobian,
                            const Matrix &pressure_mass,
                            const Matrix *darcy_laplacian,
                            const bool    symmetric_velocity,
                            const int     dim)
      : jacobian(jacobian)
    {
      dealii::PETScWrappers::PreconditionBoomerAMG::AdditionalData amg;
      amg.symmetric_operator = symmetric_velocity;
      amg.strong_threshold   = dim == 3 ? 0.5 : 0.25;
      velocity_amg.initialize(jacobian.block(0, 0), amg);
      mass_jacobi.initialize(pressure_mass.block(1, 1));
      if (darcy_laplacian != nullptr)
        {
          amg.symmetric_operator = true;
          darcy_amg =
            std::make_unique<dealii::PETScWrappers::PreconditionBoomerAMG>();
          darcy_amg->initialize(darcy_laplacian->block(1, 1), amg);
        }
    }

    void
    vmult(Vector &dst, const Vector &src) const
    {
      mass_jacobi.vmult(dst.block(1), src.block(1));
      if (darcy_amg)
        {
          pressure_tmp.reinit(src.block(1));
          darcy_amg->vmult(pressure_tmp, src.block(1));
          dst.block(1) += pressure_tmp;
        }
      dst.block(1) *= -1.;

      velocity_tmp.reinit(src.block(0));
      jacobian.block(0, 1).vmult(velocity_tmp, dst.block(1));
      velocity_tmp.sadd(-1., 1., src.block(0));
      velocity_amg.vmult(dst.block(0), velocity_tmp);
    }

  private:
    const Matrix                                                 &jacobian;
    dealii::PETScWrappers::PreconditionBoomerAMG                  velocity_amg;
    dealii::PETScWrappers::PreconditionJacobi                     mass_jacobi;
    std::unique_ptr<dealii::PETScWrappers::PreconditionBoomerAMG> darcy_amg;
    mutable dealii::PETScWrappers::MPI::Vector                    velocity_tmp;
    mutable dealii::PETScWrappers::MPI::Vector                    pressure_tmp;
  };
} // namespace NOxFlow

#endif
