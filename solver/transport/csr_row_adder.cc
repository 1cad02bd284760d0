#include <solver/base/petsc_check.h>
#include <solver/transport/csr_row_adder.h>

namespace NOxFlow
{
  namespace
  {
    /// MatGetRowIJ, or with @p restore MatRestoreRowIJ, of a sequential AIJ
    /// block (unshifted, uncompressed); PETSc's error code.
    PetscErrorCode
    row_arrays(const Mat        block,
               const bool       restore,
               const PetscInt *&row_start,
               const PetscInt *&column,
               PetscBool       &done)
    {
      PetscInt n = 0;
      return (restore ? MatRestoreRowIJ : MatGetRowIJ)(
        block, 0, PETSC_FALSE, PETSC_FALSE, &n, &row_start, &column, &done);
    }
  } // namespace

  void
  CsrRowAdder::Block::take(const Mat block)
  {
    matrix         = block;
    PetscBool done = PETSC_FALSE;
    NOXFLOW_PETSC(row_arrays(block, false, row_start, column, done));
    if (!done)
      throw std::runtime_error("CsrRowAdder: MatGetRowIJ gave no rows");
    NOXFLOW_PETSC(MatSeqAIJGetArray(block, &value));
  }

  bool
  CsrRowAdder::Block::moved() const
  {
    const PetscInt *now_row_start, *now_column;
    PetscBool       done = PETSC_FALSE;
    NOXFLOW_PETSC(row_arrays(matrix, false, now_row_start, now_column, done));
    // Compared before the restore, which clears the pointers.
    const bool result = now_row_start != row_start || now_column != column;
    NOXFLOW_PETSC(row_arrays(matrix, true, now_row_start, now_column, done));
    return result;
  }

  void
  CsrRowAdder::Block::hand_back()
  {
    if (matrix == nullptr)
      return;
    PetscBool done = PETSC_FALSE;
    MatSeqAIJRestoreArray(matrix, &value);
    row_arrays(matrix, true, row_start, column, done);
    *this = Block();
  }

  CsrRowAdder::~CsrRowAdder()
  {
    release(false);
  }

  void
  CsrRowAdder::acquire(const Mat matrix)
  {
    release(false);
    held                = matrix;
    PetscBool assembled = PETSC_FALSE, sequential = PETSC_FALSE,
              distributed = PETSC_FALSE;
    NOXFLOW_PETSC(MatAssembled(matrix, &assembled));
    NOXFLOW_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(matrix),
                                         MATSEQAIJ,
                                         &sequential));
    NOXFLOW_PETSC(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(matrix),
                                         MATMPIAIJ,
                                         &distributed));
    if (!assembled || !(sequential || distributed))
      return;
    NOXFLOW_PETSC(MatGetOwnershipRange(matrix, &first_row, &end_row));
    NOXFLOW_PETSC(
      MatGetOwnershipRangeColumn(matrix, &first_column, &end_column));
    if (sequential)
      diagonal.take(matrix);
    else
      {
        Mat diagonal_block, off_diagonal_block;
        NOXFLOW_PETSC(MatMPIAIJGetSeqAIJ(
          matrix, &diagonal_block, &off_diagonal_block, &off_diagonal_columns));
        diagonal.take(diagonal_block);
        off_diagonal.take(off_diagonal_block);
      }
  }

  void
  CsrRowAdder::recheck()
  {
    if (!taken())
      return;
    bool changed = false;
    if (off_diagonal.matrix)
      {
        Mat             diagonal_block, off_diagonal_block;
        const PetscInt *columns;
        NOXFLOW_PETSC(MatMPIAIJGetSeqAIJ(
          held, &diagonal_block, &off_diagonal_block, &columns));
        changed = diagonal_block != diagonal.matrix ||
                  off_diagonal_block != off_diagonal.matrix ||
                  columns != off_diagonal_columns || off_diagonal.moved();
      }
    if (changed || diagonal.moved())
      {
        // Arrays reallocated (or the off-diagonal block expanded to global
        // columns): MatSetValues for the rest of the pass.
        release();
      }
  }

  bool
  CsrRowAdder::add(const PetscInt     row,
                   const PetscInt     n,
                   const PetscInt    *columns,
                   const PetscScalar *values)
  {
    if (!taken() || row < first_row || row >= end_row)
      return false;
    const PetscInt local = row - first_row;
    // Both the row's stored columns and @p columns ascend: one walk each
    // through the diagonal and the off-diagonal block's row.
    PetscInt d     = diagonal.row_start[local],
             d_end = diagonal.row_start[local + 1];
    PetscInt o = 0, o_end = 0;
    if (off_diagonal.matrix)
      {
        o     = off_diagonal.row_start[local];
        o_end = off_diagonal.row_start[local + 1];
      }
    for (PetscInt k = 0; k < n; ++k)
      {
        const PetscInt global = columns[k];
        if (global >= first_column && global < end_column)
          {
            const PetscInt c = global - first_column;
            while (d < d_end && diagonal.column[d] < c)
              ++d;
            if (d < d_end && diagonal.column[d] == c)
              diagonal.value[d] += values[k];
            else
              keep(row, global, values[k]);
          }
        else if (off_diagonal.matrix)
          {
            while (o < o_end &&
                   off_diagonal_columns[off_diagonal.column[o]] < global)
              ++o;
            if (o < o_end &&
                off_diagonal_columns[off_diagonal.column[o]] == global)
              off_diagonal.value[o] += values[k];
            else
              keep(row, global, values[k]);
          }
        else
          keep(row, global, values[k]);
      }
    return true;
  }

  void
  CsrRowAdder::keep(const PetscInt    row,
                    const PetscInt    column,
                    const PetscScalar value)
  {
    kept_rows.push_back(row);
    kept_columns.push_back(column);
    kept_values.push_back(value);
  }

  void
  CsrRowAdder::release(const bool add_kept_entries)
  {
    diagonal.hand_back();
    off_diagonal.hand_back();
    off_diagonal_columns = nullptr;
    const Mat matrix     = held;
    held                 = nullptr;
    if (add_kept_entries)
      for (std::size_t k = 0; k < kept_rows.size(); ++k)
        NOXFLOW_PETSC(MatSetValues(matrix,
                                   1,
                                   &kept_rows[k],
                                   1,
                                   &kept_columns[k],
                                   &kept_values[k],
                                   ADD_VALUES));
    kept_rows.clear();
    kept_columns.clear();
    kept_values.clear();
  }
} // namespace NOxFlow
