#ifndef noxflow_solver_nernst_planck_operator_h
#define noxflow_solver_nernst_planck_operator_h

#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/discretization.h>
#include <solver/nernst_planck_model.h>
#include <solver/nodal_species.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief What one assembly fills. Null pointers are skipped.
   */
  struct AssemblyTargets
  {
    dealii::PETScWrappers::MPI::SparseMatrix *jacobian = nullptr;
    dealii::PETScWrappers::MPI::Vector       *residual = nullptr;
    /// d residual / d psi_s of the working electrode (bordered column).
    dealii::PETScWrappers::MPI::Vector *d_residual_d_potential = nullptr;
    /// d I_working / d solution (bordered row), A per unit change.
    dealii::PETScWrappers::MPI::Vector *d_current_d_solution = nullptr;
    /// Total current of the working electrode (A; A/m in 2D) and its
    /// derivative by its scaled potential; filled when a working electrode
    /// is given.
    double current               = 0.;
    double d_current_d_potential = 0.;
  };

  /**
   * @brief Residual and exact Jacobian of the scaled, steady, electroneutral
   * Nernst-Planck equations with Butler-Volmer electrode boundaries.
   *
   * Species rows: div N_i = sources, N_i = -D_i (grad c_i + z_i c_i grad psi)
   * + u c_i, SUPG-stabilised along u. The potential row is charge
   * conservation, sum_i z_i (species equation i) over all species including
   * the electroneutrality species, which has no advection since
   * sum_i z_i c_i = 0.
   */
  template <int dim>
  class NernstPlanckOperator
  {
  public:
    NernstPlanckOperator(const Discretization<dim>    &discretization,
                         const NernstPlanckModel<dim> &model);

    /**
     * @param solution ghosted solution vector
     * @param f_electrode_potentials F phi_s / RT of every electrode
     * @param working_electrode electrode whose current is a constraint, or
     *        -1
     * @param constraints applied while distributing (update constraints for
     *        Newton, hanging constraints for boundary fluxes)
     */
    void
    assemble(const dealii::PETScWrappers::MPI::Vector &solution,
             const std::vector<double>                &f_electrode_potentials,
             const int                                 working_electrode,
             const dealii::AffineConstraints<double>  &constraints,
             AssemblyTargets                          &targets) const;

  private:
    /// Volume reactions and solid conduction of a porous electrode cell.
    void
    assemble_porous_electrode(
      const PorousElectrode                               &porous,
      const dealii::FEValues<dim>                         &fe_values,
      const std::vector<std::vector<std::vector<double>>> &supg_test,
      const NodalSpecies<dim>                             &nodal,
      const dealii::Vector<double>                        &cell_values,
      const std::vector<double>              &f_electrode_potentials,
      const int                               working_electrode,
      const std::vector<std::vector<double>> &weight,
      dealii::FullMatrix<double>             &cell_matrix,
      dealii::Vector<double>                 &cell_residual,
      dealii::Vector<double>                 &cell_d_potential,
      dealii::Vector<double>                 &cell_d_current,
      double                                 &current,
      double                                 &d_current_d_potential,
      const bool                              with_matrix) const;

    const Discretization<dim>    &discretization;
    const NernstPlanckModel<dim> &model;
  };
} // namespace NOxFlow

#endif
