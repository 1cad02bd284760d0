#ifndef noxflow_solver_transport_csr_row_adder_h
#define noxflow_solver_transport_csr_row_adder_h

#include <petscmat.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Adds rows of values straight into an assembled PETSc AIJ
   * matrix's compressed-row arrays, without a MatSetValues call per row.
   *
   * MatSetValues was a third of the transport assembly at 572k DoFs (its
   * per-call checks and searches). The pattern is fixed within an assembly
   * (compacted once per mesh), so a row's sorted columns are found by one
   * merge walk along the stored row. Works on MATSEQAIJ and on the two
   * sequential blocks of MATMPIAIJ (the off-diagonal one through its
   * sorted column map); rows owned by another rank, and matrices of any
   * other type or not assembled when taken, are left to the caller's
   * MatSetValues. Entries outside the stored pattern are kept and added by
   * MatSetValues in release(), once the arrays are handed back (inserting
   * them may reallocate the arrays).
   */
  class CsrRowAdder
  {
  public:
    CsrRowAdder()                    = default;
    CsrRowAdder(const CsrRowAdder &) = delete;
    CsrRowAdder &
    operator=(const CsrRowAdder &) = delete;
    /// Hands the arrays back without adding the entries kept aside.
    ~CsrRowAdder();

    /// Takes @p matrix's arrays if it is an assembled (MPI)AIJ matrix.
    void
    acquire(Mat matrix);

    /// After MatSetValues on the matrix elsewhere: if PETSc reallocated
    /// its arrays (an entry outside the pattern), adds nothing more
    /// directly until the next acquire().
    void
    recheck();

    /// Adds @p values at the global @p columns (ascending) of the global
    /// @p row; false (nothing added) if the row is not in the arrays.
    bool
    add(PetscInt           row,
        PetscInt           n,
        const PetscInt    *columns,
        const PetscScalar *values);

    /// Hands the arrays back; with @p add_kept_entries the entries outside
    /// the pattern are then added through MatSetValues.
    void
    release(bool add_kept_entries = true);

  private:
    /// One sequential AIJ block: row starts, columns (local), values.
    struct Block
    {
      Mat             matrix    = nullptr;
      const PetscInt *row_start = nullptr;
      const PetscInt *column    = nullptr;
      PetscScalar    *value     = nullptr;

      void
      take(Mat block);
      /// Whether PETSc's arrays of the block are no longer the ones taken.
      bool
      moved() const;
      void
      hand_back();
    };

    void
    keep(PetscInt row, PetscInt column, PetscScalar value);

    /// Whether the arrays are held (an assembled AIJ matrix, not
    /// reallocated since).
    bool
    taken() const
    {
      return diagonal.matrix != nullptr;
    }

    Mat   held = nullptr;
    Block diagonal, off_diagonal;
    /// Global column of each off-diagonal block column (ascending).
    const PetscInt          *off_diagonal_columns = nullptr;
    PetscInt                 first_row = 0, end_row = 0;
    PetscInt                 first_column = 0, end_column = 0;
    std::vector<PetscInt>    kept_rows, kept_columns;
    std::vector<PetscScalar> kept_values;
  };
} // namespace NOxFlow

#endif
