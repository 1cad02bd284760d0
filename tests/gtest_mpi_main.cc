// GoogleTest main for tests that may run under mpirun: MPI (and PETSc) are
// initialised once; only rank 0 prints; a failure on any rank fails all.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  ::testing::InitGoogleTest(&argc, argv);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    {
      auto &listeners = ::testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
  const int result = RUN_ALL_TESTS();
  return dealii::Utilities::MPI::max(result, MPI_COMM_WORLD);
}
