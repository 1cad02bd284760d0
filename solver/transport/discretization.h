#ifndef noxflow_solver_transport_discretization_h
#define noxflow_solver_transport_discretization_h

#include <deal.II/base/index_set.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/nernst_planck_model.h>

namespace NOxFlow
{
  /**
   * @brief Mesh, Q1 finite elements for all components, constraints and the
   * distributed Jacobian. DoFs keep deal.II's numbering (each rank owns one
   * contiguous range, as PETSc needs); the DoFs of each field are listed
   * for field-split preconditioners.
   */
  template <int dim>
  class Discretization
  {
  public:
    explicit Discretization(const MPI_Comm comm);

    /// Distributes DoFs and builds constraints and the sparsity pattern for
    /// @p model on the current mesh.
    void
    setup(const NernstPlanckModel<dim> &model);

    /**
     * Drops the Jacobian's stored zeros: its pattern becomes the entries
     * nonzero in its current values, and the diagonal. deal.II's pattern
     * couples every component of every node of a cell; the operator writes
     * far fewer (edge fluxes: the edge neighbours only; species rows: their
     * own species and the potential), and on the 2D channel 76 % of the
     * stored entries stayed zero, which every matrix product, field-split
     * block and AMG level carried. An entry that turns nonzero later is
     * still taken (PETSc allocates it), so the matrix stays exact.
     */
    void
    compact_jacobian_pattern();

    /// A vector of owned entries (no ghosts), zero.
    dealii::PETScWrappers::MPI::Vector
    owned_vector() const;

    /// A ghosted copy of @p owned for reading on cells.
    dealii::PETScWrappers::MPI::Vector
    ghosted(const dealii::PETScWrappers::MPI::Vector &owned) const;

    /// DoFs of gas mole fractions on no cell of a gas region (held at
    /// zero).
    std::vector<dealii::types::global_dof_index>
    dofs_outside_gas(const NernstPlanckModel<dim> &model) const;

    MPI_Comm                                          comm;
    dealii::parallel::distributed::Triangulation<dim> triangulation;
    std::unique_ptr<dealii::FESystem<dim>>            fe;
    dealii::DoFHandler<dim>                           dof_handler;
    dealii::IndexSet                                  owned_dofs;
    dealii::IndexSet                                  relevant_dofs;
    /// Owned DoFs of each solution component.
    std::vector<dealii::IndexSet> owned_dofs_by_component;

    /// Hanging nodes only: for quantities on all DoFs (boundary fluxes).
    dealii::AffineConstraints<double> hanging_constraints;
    /// Hanging nodes and zero Dirichlet values: for Newton updates.
    dealii::AffineConstraints<double> update_constraints;
    /// Hanging nodes and the Dirichlet values: for solutions.
    dealii::AffineConstraints<double> solution_constraints;
    /// Owned DoFs held by Dirichlet conditions (excluded from residuals).
    dealii::IndexSet dirichlet_dofs;

    dealii::PETScWrappers::MPI::SparseMatrix jacobian;
  };
} // namespace NOxFlow

#endif
