#ifndef noxflow_solver_transport_nernst_planck_operator_h
#define noxflow_solver_transport_nernst_planck_operator_h

#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/transport_term.h>

#include <memory>
#include <vector>

namespace NOxFlow
{
  template <int dim>
  class TransportRows;
  template <int dim>
  class LocalToGlobal;

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
   * Nernst-Planck equations, as a sum of terms (solver/transport/terms/):
   * species flux (diffusion, migration, advection), SUPG, kinetic
   * homogeneous reactions, porous-electrode kinetics and solid conduction
   * in the cells; outflow and surface electrode kinetics on the boundary;
   * verification sources. Each cell is evaluated once (CellState) and every
   * term that acts in its region adds to its LocalSystem; see
   * docs/transport-operator.md.
   *
   * Species rows: div N_i = sources, N_i = -D_i (grad c_i + z_i c_i grad psi)
   * + u c_i. The potential row is charge conservation, sum_i z_i (species
   * equation i) over all species including the electroneutrality species,
   * which has no advection since sum_i z_i c_i = 0 (TransportRows).
   */
  template <int dim>
  class NernstPlanckOperator
  {
  public:
    /**
     * @brief How the species rows are written (TransportRows).
     *
     * component_totals: one row per transported unknown, the balance of
     * that total (what the diagnostics read as fluxes).
     *
     * kinetic_invariants (for Newton): with kinetic volume reactions, rows
     * recombined so that each rate enters one pivot row, scaled by
     * 1 / (1 + Da); same solution and Newton direction.
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

    ~NernstPlanckOperator();

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
    const Discretization<dim>          &discretization;
    const NernstPlanckModel<dim>       &model;
    std::unique_ptr<TransportRows<dim>> rows;
    /// Adds each cell's system to the targets (mutable: it keeps which
    /// cells are free of constraints, per mesh).
    const std::unique_ptr<LocalToGlobal<dim>>   local_to_global;
    std::vector<std::unique_ptr<CellTerm<dim>>> cell_terms;
    std::vector<std::unique_ptr<FaceTerm<dim>>> face_terms;
  };
} // namespace NOxFlow

#endif
