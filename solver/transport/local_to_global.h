#ifndef noxflow_solver_transport_local_to_global_h
#define noxflow_solver_transport_local_to_global_h

#include <deal.II/lac/affine_constraints.h>

#include <petscsys.h>

#include <solver/transport/csr_row_adder.h>
#include <solver/transport/discretization.h>

#include <array>
#include <vector>

namespace NOxFlow
{
  struct AssemblyTargets;
  struct LocalSystem;

  /**
   * @brief Adds a cell's LocalSystem to the global matrix and vectors.
   *
   * A cell without constrained DoFs, or whose constrained DoFs are all
   * zero rows (homogeneous constraints without entries: Dirichlet updates,
   * the solid potential outside the solid), goes to PETSc directly: its matrix
   * rows, without the local matrix's zeros, straight into the Jacobian's
   * compressed-row arrays (CsrRowAdder; MatSetValues for rows of other
   * ranks), one VecSetValues per vector. The others go through
   * AffineConstraints, which eliminates constraints. Each cell's path is
   * worked out once per mesh, for the discretisation's update constraints;
   * with any other constraints (e.g. frozen concentrations) every cell
   * takes the general path.
   */
  template <int dim>
  class LocalToGlobal
  {
  public:
    explicit LocalToGlobal(const Discretization<dim> &discretization);

    /// Adds @p local of the cell with @p active_cell_index and DoFs
    /// @p dofs to every non-null target.
    void
    add(const unsigned int                                  active_cell_index,
        const std::vector<dealii::types::global_dof_index> &dofs,
        const LocalSystem                                  &local,
        const dealii::AffineConstraints<double>            &constraints,
        AssemblyTargets                                    &targets);

    /// Begins a pass over the cells, with @p targets just zeroed: takes
    /// the Jacobian's arrays.
    void
    start(AssemblyTargets &targets);

    /// Ends a pass over the cells: hands the Jacobian's arrays back and,
    /// with @p complete, adds the entries outside its pattern. Call with
    /// @p complete before compressing; without it wherever a pass ends.
    void
    finish(bool complete = true);

  private:
    /// How a cell's system reaches PETSc.
    enum class Path : unsigned char
    {
      /// No constrained DoF: every row directly.
      direct,
      /// Constrained DoFs, all zero rows (homogeneous, without entries):
      /// directly, as AffineConstraints would add them.
      direct_with_zero_rows,
      /// Through AffineConstraints (hanging nodes, other constraints).
      general
    };

    /// Rows in ascending order, zeros left out; with @p zero_rows, the
    /// cell's constrained DoFs as zero rows.
    void
    add_directly(const std::vector<dealii::types::global_dof_index> &dofs,
                 const LocalSystem                                  &local,
                 bool                                                zero_rows,
                 AssemblyTargets                                    &targets);

    /// The diagonal AffineConstraints puts on the zero row of local DoF
    /// @p i.
    static double
    zero_row_diagonal(const LocalSystem &local, unsigned int i);

    /// AffineConstraints' distribute_local_to_global.
    void
    add_through(const dealii::AffineConstraints<double>            &constraints,
                const std::vector<dealii::types::global_dof_index> &dofs,
                const LocalSystem                                  &local,
                AssemblyTargets                                    &targets);

    /// Each cell's path for the update constraints, by active cell index
    /// (rebuilt when the mesh or DoFs change).
    const std::vector<Path> &
    paths();

    const Discretization<dim> &discretization;
    std::vector<Path>          cell_paths;
    /// Cells, DoFs and constraints the flags were built for.
    std::array<std::size_t, 3> built_for = {{0, 0, 0}};
    /// The cell's DoFs in ascending order and their local numbers; one
    /// row's columns and values.
    std::vector<PetscInt>     indices, columns;
    std::vector<unsigned int> order;
    /// Whether each DoF (in ascending order) is a zero row.
    std::vector<bool>        zero_row;
    std::vector<PetscScalar> values;
    CsrRowAdder              jacobian_rows;
  };
} // namespace NOxFlow

#endif
