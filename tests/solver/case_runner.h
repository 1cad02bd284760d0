#ifndef noxflow_tests_solver_case_runner_h
#define noxflow_tests_solver_case_runner_h

#include <deal.II/base/mpi.h>

#include <solver/case/case_parameters.h>
#include <solver/simulation.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace NOxFlow::Testing
{
  /// A fresh folder for one test's output (the same path on every rank;
  /// the serial and the MPI run of a test, which ctest -j may run at once,
  /// get different ones).
  inline std::string
  scratch_folder(const std::string &name)
  {
    const auto path =
      std::filesystem::temp_directory_path() /
      ("noxflow-test-" + name + "-np" +
       std::to_string(dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)));
    // Every rank may still be reading the previous case in this folder.
    MPI_Barrier(MPI_COMM_WORLD);
    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
      }
    MPI_Barrier(MPI_COMM_WORLD);
    return path.string();
  }

  /// Reads a case from text, as a user's .prm file would be read.
  inline CaseParameters
  read_case(const std::string &folder, const std::string &text)
  {
    const std::string file = folder + "/case.prm";
    // No rank may still be reading the previous case of this folder.
    MPI_Barrier(MPI_COMM_WORLD);
    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      std::ofstream(file) << text;
    MPI_Barrier(MPI_COMM_WORLD);
    CaseParameters parameters;
    parameters.read(file);
    return parameters;
  }

  /// Species lines that turn the neutral preset's inlet into pH 2 (10 mM
  /// H+, K+ lowered to keep it electroneutral).
  inline const std::string acid_inlet_species = R"(
subsection Species
  subsection K+
    set Inlet concentration = 1090
  end
  subsection OH-
    set Inlet concentration = 1e-9
  end
  subsection H+
    set Inlet concentration = 10
  end
end
)";

  /// Case text of the coarse 2D channel of the shipped case (prescribed
  /// Poiseuille flow, targets 20 and 100 mA/cm2, no fields) with the
  /// preset @p preset and @p extra lines, which override it.
  inline std::string
  coarse_channel_case(const std::string &preset, const std::string &extra)
  {
    return R"(
include )" +
           preset +
           R"(
subsection Geometry
  set Dimension          = 2
  set Global refinements = 0
  subsection Channel
    set Inlet length     = 2e-3
    set Electrode length = 1e-2
    set Outlet length    = 2e-3
    set Height           = 2e-3
    set Cells inlet      = 12
    set Cells electrode  = 50
    set Cells outlet     = 12
    set Cells height     = 24
    set Wall grading     = 20
    set Edge grading     = 40
  end
end
subsection Flow
  set Model            = prescribed
  set Velocity profile = poiseuille
  set Mean velocity    = 0.05
end
subsection Operation
  set Mode              = galvanostatic
  set Working electrode = cathode
  set Targets           = 20, 100
end
subsection Output
  set Write fields = false
end
)" + extra;
  }

  /// The steps of @p steps that reached a target, in order.
  inline std::vector<const StepRecord *>
  targets_of(const std::vector<StepRecord> &steps)
  {
    std::vector<const StepRecord *> result;
    for (const auto &s : steps)
      if (s.is_target)
        result.push_back(&s);
    return result;
  }

  /// Runs a case quietly on @p comm; returns the accepted steps.
  template <int dim>
  std::vector<StepRecord>
  run_case(const CaseParameters &parameters,
           const std::string    &output,
           const MPI_Comm        comm = MPI_COMM_WORLD)
  {
    std::ostringstream quiet;
    return Simulation<dim>(parameters, output, comm, quiet).run();
  }
} // namespace NOxFlow::Testing

#endif
