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

  /// A matrix filled through a CsrRowAdder (where it takes a row) and its
  /// reference filled by MatSetValues, both on the pattern.
  struct CsrRowAdderTest : public ::testing::Test
  {
    Mat      direct = pattern_matrix(), reference = pattern_matrix();
    PetscInt first = 0, end = 0;
    std::array<PetscInt, 4>    columns;
    std::array<PetscScalar, 4> values;
    CsrRowAdder                adder;

    CsrRowAdderTest()
    {
      MatGetOwnershipRange(direct, &first, &end);
      adder.acquire(direct);
    }

    ~CsrRowAdderTest()
    {
      adder.release(false);
      MatDestroy(&direct);
      MatDestroy(&reference);
    }

    /// Adds @p n entries of row @p i to @p a by MatSetValues.
    void
    set_values(const Mat a, const PetscInt i, const PetscInt n)
    {
      MatSetValues(a, 1, &i, n, columns.data(), values.data(), ADD_VALUES);
    }

    /// Hands the arrays back, assembles both and expects them equal (and
    /// not zero).
    void
    expect_equal()
    {
      adder.release();
      PetscReal norm_reference, norm_difference;
      for (const Mat a : {direct, reference})
        {
          MatAssemblyBegin(a, MAT_FINAL_ASSEMBLY);
          MatAssemblyEnd(a, MAT_FINAL_ASSEMBLY);
        }
      MatNorm(reference, NORM_FROBENIUS, &norm_reference);
      Mat difference;
      MatDuplicate(direct, MAT_COPY_VALUES, &difference);
      MatAXPY(difference, -1., reference, DIFFERENT_NONZERO_PATTERN);
      MatNorm(difference, NORM_FROBENIUS, &norm_difference);
      MatDestroy(&difference);
      EXPECT_GT(norm_reference, 1.);
      EXPECT_LT(norm_difference, 1e-15 * norm_reference);
    }
  };
} // namespace


TEST_F(CsrRowAdderTest, SameMatrixAsMatSetValues)
{
  // Every owned row twice (adds), and one row of the next rank.
  for (const PetscInt i : {first, end - 1, first + 1, end - 1, end % n_rows})
    {
      const PetscInt n     = row_entries(i, columns, values);
      const bool     owned = i >= first && i < end;
      const bool     added = adder.add(i, n, columns.data(), values.data());
      EXPECT_EQ(added, owned) << "row " << i;
      if (!added)
        set_values(direct, i, n);
      set_values(reference, i, n);
    }
  expect_equal();
}

TEST_F(CsrRowAdderTest, StopsAddingWhenPetscReallocates)
{
  PetscInt n = row_entries(first, columns, values);
  EXPECT_TRUE(adder.add(first, n, columns.data(), values.data()));
  set_values(reference, first, n);
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
    set_values(a, last, n);
  expect_equal();
}
