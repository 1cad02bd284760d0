#ifndef noxflow_solver_transport_nernst_planck_operator_h
#define noxflow_solver_transport_nernst_planck_operator_h

#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/nodal_species.h>

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
    /**
     * @brief How the species rows are written.
     *
     * component_totals: one row per transported unknown, the balance of
     * that total (what the diagnostics read as fluxes).
     *
     * kinetic_invariants (for Newton): with kinetic volume reactions, the
     * rows are recombined node by node so that each reaction's rate enters
     * one row only (its pivot); the other rows become balances of reaction
     * invariants (e.g. NH3 + NH4+), free of the rate. Each pivot row is then
     * divided by 1 + Da, Da the cell Damkoehler number of its reaction at
     * the node (set_row_scale()), so that a fast rate no longer outweighs
     * every transport residual. Both are invertible row operations, fixed
     * during a Newton solve: the discrete solution and the Newton direction
     * are those of component_totals; the residual norm (line search,
     * convergence) and the conditioning are not.
     */
    enum class Rows
    {
      component_totals,
      kinetic_invariants
    };

    /// Needs @p discretization set up for @p model.
    NernstPlanckOperator(const Discretization<dim>    &discretization,
                         const NernstPlanckModel<dim> &model,
                         const Rows rows = Rows::component_totals);

    /**
     * Rows::kinetic_invariants: sets the factors of the pivot rows from the
     * rates' derivatives at the ghosted @p solution; otherwise nothing.
     * Call it before a Newton solve and keep the factors while it runs (the
     * line search compares residual norms). Until then the factors are 1.
     */
    void
    set_row_scale(const dealii::PETScWrappers::MPI::Vector &solution);

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

    /// Sets row_combination, reaction_weight and row_scale (Rows).
    void
    set_up_kinetic_rows();

    const Discretization<dim>    &discretization;
    const NernstPlanckModel<dim> &model;
    /// Row r of the species rows is sum_m row_combination[r][m] (balance of
    /// transported total m); the identity for component_totals.
    std::vector<std::vector<double>> row_combination;
    /// Coefficient of the rate of volume reaction k in species row r
    /// (exactly zero where it was eliminated).
    std::vector<std::vector<double>> reaction_weight;
    /// Row of the species rows that carries volume reaction k, or -1.
    std::vector<int> pivot_row;
    /// int |grad phi_i|^2 of each pivot row's DoF i (zero elsewhere).
    dealii::PETScWrappers::MPI::Vector diffusion_diagonal;
    /// Factor of every row after assembly (kinetic_invariants with
    /// kinetic reactions: 1 / (1 + Da) on pivot rows, 1 elsewhere).
    dealii::PETScWrappers::MPI::Vector row_scale;
    bool                               scale_rows = false;
  };
} // namespace NOxFlow

#endif
