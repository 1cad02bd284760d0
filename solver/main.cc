// noxflow: runs one case file. See README.md and `noxflow --help`.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <physics/input_error.h>
#include <solver/case/case_parameters.h>
#include <solver/nonlinear/continuation.h>
#include <solver/simulation.h>

#include <iostream>

namespace
{
  const char *usage =
    "Usage: noxflow [options] case.prm [PETSc options]\n"
    "       mpirun -np N noxflow case.prm\n"
    "\n"
    "Runs the case through its operating points and writes summary.tsv,\n"
    "fields (HDF5 + XDMF for ParaView), electrode current distributions and\n"
    "the parameters used into the output folder.\n"
    "\n"
    "Options:\n"
    "  --output DIR              output folder (overrides Output/Directory)\n"
    "  --restart                 continue the run in the output folder from\n"
    "                            its newest intact checkpoint (written every\n"
    "                            Output/Checkpoint interval points, at targets\n"
    "                            and on SIGTERM/SIGUSR1)\n"
    "  --print-parameters [case] print every parameter with its unit, range\n"
    "                            and default (with a case: its values)\n"
    "  --help                    this text\n"
    "PETSc options (e.g. -ksp_monitor, -fieldsplit_psi_pc_type ml) are passed\n"
    "to the linear solver.\n"
    "Exit codes: 0 success, 2 invalid input, 3 a target could not be reached,\n"
    "4 stopped by a signal after writing a checkpoint, 1 any other error.\n";

  bool
  is_case_file(const std::string &arg)
  {
    const auto ends_with = [&](const std::string &suffix) {
      return arg.size() > suffix.size() &&
             arg.compare(arg.size() - suffix.size(), suffix.size(), suffix) ==
               0;
    };
    return ends_with(".prm") || ends_with(".json");
  }

  void
  print_parameters(const std::string &case_file)
  {
    using namespace NOxFlow;
    dealii::ParameterHandler prm;
    if (case_file.empty())
      CaseParameters::declare_parameters(
        prm, {"SPECIES"}, {"ELECTRODE"}, {"REACTION"}, {"POROUS_MEDIUM"});
    else
      {
        CaseParameters parameters;
        parameters.read(case_file);
        std::cout << parameters.parameters_used;
        return;
      }
    prm.print_parameters(std::cout, dealii::ParameterHandler::PRM);
  }
} // namespace

int
main(int argc, char **argv)
{
  using namespace NOxFlow;
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const bool                               root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  std::string case_file, output;
  bool        print = false, restart = false;
  for (int i = 1; i < argc; ++i)
    {
      const std::string arg = argv[i];
      if (arg == "--help" || arg == "-h")
        {
          if (root)
            std::cout << usage;
          return 0;
        }
      else if (arg == "--print-parameters")
        print = true;
      else if (arg == "--restart")
        restart = true;
      else if (arg == "--output" && i + 1 < argc)
        output = argv[++i];
      else if (is_case_file(arg) && case_file.empty())
        case_file = arg;
      else if (arg.rfind("--", 0) == 0)
        {
          if (root)
            std::cerr << "Error: unknown option '" << arg << "'.\n" << usage;
          return 2;
        }
    }

  try
    {
      if (print)
        {
          if (root)
            print_parameters(case_file);
          return 0;
        }
      if (case_file.empty())
        {
          if (root)
            std::cerr << "Error: no case file (.prm) given.\n" << usage;
          return 2;
        }
      CaseParameters parameters;
      parameters.read(case_file);
      if (output.empty())
        output = parameters.output_directory;
      if (parameters.dimension == 2)
        Simulation<2>(parameters, output, MPI_COMM_WORLD, std::cout, restart)
          .run();
      else
        Simulation<3>(parameters, output, MPI_COMM_WORLD, std::cout, restart)
          .run();
    }
  catch (const InputError &e)
    {
      if (root)
        std::cerr << "Error: " << e.what() << std::endl;
      return 2;
    }
  catch (const RunStopped &e)
    {
      if (root)
        std::cerr << "Stopped: " << e.what() << std::endl;
      return 4;
    }
  catch (const ContinuationFailure &e)
    {
      if (root)
        std::cerr << "Error: " << e.what() << std::endl;
      return 3;
    }
  catch (const std::exception &e)
    {
      if (root)
        std::cerr << "Error: " << e.what() << std::endl;
      return 1;
    }
  return 0;
}
