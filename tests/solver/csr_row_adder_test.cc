// CsrRowAdder: rows added straight into an assembled AIJ matrix's arrays
// give the same matrix as MatSetValues, entries outside the pattern
// included (added at release), on one rank (MATSEQAIJ) and on two
// (MATMPIAIJ, off-diagonal block through its column map); after PETSc
// reallocated the arrays, it adds nothing more directly.
#include <petscmat.h>

#include <solver/transport/csr_row_adder.h>

#include <gtest/gtest.h>

#include <array>

using namespace NOxFlow;

namespace
{
  constexpr PetscInt n_rows = 40;
  constexpr PetscInt reach  = 5; // the pattern: i - 5, i, i + 5

  /// An assembled, zeroed matrix holding the pattern, open to new entries.
  Mat
  pattern_matrix()
  {
    Mat a;
    MatCreateAIJ(PETSC_COMM_WORLD,
                 PETSC_DECIDE,
                 PETSC_DECIDE,
                 n_rows,
                 n_rows,
                 3,
                 nullptr,
                 2,
                 nullptr,
                 &a);
    MatSetOption(a, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE);
    PetscInt first, end;
    MatGetOwnershipRange(a, &first, &end);
    for (PetscInt i = first; i < end; ++i)
      for (const PetscInt j : {i - reach, i, i + reach})
        if (j >= 0 && j < n_rows)
          MatSetValue(a, i, j, 0., INSERT_VALUES);
    MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY);
    MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY);
    MatZeroEntries(a);
    return a;
  }

  /// Row @p i's columns (ascending; i + 3 is outside the pattern) and
  /// values; how many.
  PetscInt
  row_entries(const PetscInt              i,
              std::array<PetscInt, 4>    &columns,
              std::array<PetscScalar, 4> &values)
  {
    PetscInt n = 0;
    for (const PetscInt j : {i - reach, i, i + 3, i + reach})
      if (j >= 0 && j < n_rows)
        {
          columns[n] = j;
          values[n]  = 1. + i + 0.01 * j;
          ++n;
        }
    return n;
  }

  /// |a - b| / |b| (Frobenius), with b's norm.
  std::array<PetscReal, 2>
  difference(const Mat a, const Mat b)
  {
    PetscReal norm_b;
    MatNorm(b, NORM_FROBENIUS, &norm_b);
    Mat d;
    MatDuplicate(a, MAT_COPY_VALUES, &d);
    MatAXPY(d, -1., b, DIFFERENT_NONZERO_PATTERN);
    PetscReal norm_d;
    MatNorm(d, NORM_FROBENIUS, &norm_d);
    MatDestroy(&d);
    return {{norm_d / norm_b, norm_b}};
  }

  void
  assemble(const Mat a)
  {
    MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY);
    MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY);
  }
} // namespace

TEST(CsrRowAdder, SameMatrixAsMatSetValues)
{
  Mat      direct = pattern_matrix(), reference = pattern_matrix();
  PetscInt first, end;
  MatGetOwnershipRange(direct, &first, &end);
  std::array<PetscInt, 4>    columns;
  std::array<PetscScalar, 4> values;
  CsrRowAdder                adder;
  adder.acquire(direct);
  // Every owned row twice (adds), and one row of the next rank.
  for (const PetscInt i : {first, end - 1, first + 1, end - 1, end % n_rows})
    {
      const PetscInt n     = row_entries(i, columns, values);
      const bool     owned = i >= first && i < end;
      const bool     added = adder.add(i, n, columns.data(), values.data());
      EXPECT_EQ(added, owned) << "row " << i;
      if (!added)
        MatSetValues(
          direct, 1, &i, n, columns.data(), values.data(), ADD_VALUES);
      MatSetValues(
        reference, 1, &i, n, columns.data(), values.data(), ADD_VALUES);
    }
  adder.release();
  assemble(direct);
  assemble(reference);
  const auto [relative, norm] = difference(direct, reference);
  EXPECT_GT(norm, 1.);
  EXPECT_LT(relative, 1e-15);
  MatDestroy(&direct);
  MatDestroy(&reference);
}

TEST(CsrRowAdder, StopsAddingWhenPetscReallocates)
{
  Mat      direct = pattern_matrix(), reference = pattern_matrix();
  PetscInt first, end;
  MatGetOwnershipRange(direct, &first, &end);
  std::array<PetscInt, 4>    columns;
  std::array<PetscScalar, 4> values;
  CsrRowAdder                adder;
  adder.acquire(direct);
  PetscInt n = row_entries(first, columns, values);
  EXPECT_TRUE(adder.add(first, n, columns.data(), values.data()));
  MatSetValues(
    reference, 1, &first, n, columns.data(), values.data(), ADD_VALUES);
  // A new entry (outside the pattern, in the owned diagonal block): the
  // compressed arrays have no room, PETSc reallocates them.
  const PetscInt    far_column = first + 2;
  const PetscScalar far_value  = 7.;
  for (const Mat a : {direct, reference})
    MatSetValues(a, 1, &first, 1, &far_column, &far_value, ADD_VALUES);
  adder.recheck();
  const PetscInt last = end - 1;
  n                   = row_entries(last, columns, values);
  EXPECT_FALSE(adder.add(last, n, columns.data(), values.data()));
  for (const Mat a : {direct, reference})
    MatSetValues(a, 1, &last, n, columns.data(), values.data(), ADD_VALUES);
  adder.release();
  assemble(direct);
  assemble(reference);
  const auto [relative, norm] = difference(direct, reference);
  EXPECT_GT(norm, 1.);
  EXPECT_LT(relative, 1e-15);
  MatDestroy(&direct);
  MatDestroy(&reference);
}
