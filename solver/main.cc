// noxflow: runs one case file. See README.md and `noxflow --help`.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <physics/input_error.h>
#include <solver/base/version.h>
#include <solver/case/case_parameters.h>
#include <solver/nonlinear/continuation.h>
#include <solver/output/output_error.h>
#include <solver/output/run_folder.h>
#include <solver/output/run_record.h>
#include <solver/simulation.h>
#include <solver/stop_signal.h>

#include <fstream>
#include <iostream>
#include <memory>

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
    "                            and on SIGTERM/SIGUSR1); the case may add\n"
    "                            targets but not change the physics\n"
    "  --overwrite               replace the run in the output folder (a new\n"
    "                            run refuses a folder that holds one)\n"
    "  --check                   check the case (parameters, mesh, model) and\n"
    "                            exit; writes nothing\n"
    "  --verbosity LEVEL         quiet (one line per operating point),\n"
    "                            normal, or debug (every Newton iteration);\n"
    "                            overrides Output/Verbosity\n"
    "  --version                 print the version\n"
    "  --print-parameters [case] print every parameter with its unit, range\n"
    "                            and default (with a case: its values)\n"
    "  --help                    this text\n"
    "PETSc options (e.g. -ksp_monitor, -fieldsplit_psi_pc_type ml) are passed\n"
    "to the linear solver.\n"
    "Exit codes: 0 success, 2 invalid input, 3 a target could not be reached,\n"
    "4 stopped by a signal, 1 any other error (e.g. a failed write).\n"
    "A run folder holds one run: run.lock names the process using it,\n"
    "status says how the run ended, run.log holds what the run printed and\n"
    "run.json the version, command line, host, ranks, times and exit code.\n";

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

  /// The command line: options and the case file, or the exit code of
  /// --help, --version or a usage error (exit_code >= 0).
  struct CommandLine
  {
    std::string case_file, output, verbosity;
    bool        print = false, restart = false, overwrite = false;
    bool        check     = false;
    int         exit_code = -1;
  };

  CommandLine
  parse_command_line(const int argc, char **argv, const bool root)
  {
    CommandLine o;
    const auto  stop = [&](const int code) {
      o.exit_code = code;
      return o;
    };
    for (int i = 1; i < argc; ++i)
      {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h")
          {
            if (root)
              std::cout << usage;
            return stop(0);
          }
        else if (arg == "--print-parameters")
          o.print = true;
        else if (arg == "--version")
          {
            if (root)
              std::cout << "NOxFlow " << NOxFlow::version() << std::endl;
            return stop(0);
          }
        else if (arg == "--restart")
          o.restart = true;
        else if (arg == "--overwrite")
          o.overwrite = true;
        else if (arg == "--check")
          o.check = true;
        else if (arg == "--output" && i + 1 < argc)
          o.output = argv[++i];
        else if (arg == "--verbosity" && i + 1 < argc)
          {
            o.verbosity = argv[++i];
            if (o.verbosity != "quiet" && o.verbosity != "normal" &&
                o.verbosity != "debug")
              {
                if (root)
                  std::cerr << "Error: --verbosity " << o.verbosity
                            << ": give quiet, normal or debug." << std::endl;
                return stop(2);
              }
          }
        else if (is_case_file(arg) && o.case_file.empty())
          o.case_file = arg;
        else if (arg.rfind("--", 0) == 0)
          {
            if (root)
              std::cerr << "Error: unknown option '" << arg << "'.\n" << usage;
            return stop(2);
          }
      }
    if (o.restart && o.overwrite)
      {
        if (root)
          std::cerr << "Error: --restart continues the run in the output "
                       "folder, --overwrite replaces it. Fix: give one of "
                       "them."
                    << std::endl;
        return stop(2);
      }
    return o;
  }

  /// Builds and runs the case; run.log starts once the set-up passed.
  template <int dim>
  void
  run_case(const NOxFlow::CaseParameters &parameters,
           const std::string             &output,
           NOxFlow::RunRecord            &record,
           const bool                     restart)
  {
    NOxFlow::Simulation<dim> simulation(
      parameters, output, MPI_COMM_WORLD, record.stream(), restart);
    record.write_log_into(output);
    simulation.run();
  }

  /// One line for the status file, from any exception's message.
  std::string
  one_line(const std::string &text)
  {
    std::string line;
    for (const char c : text)
      line += (c == '\n' || c == '\r') ? ' ' : c;
    return line.size() > 400 ? line.substr(0, 400) + " ..." : line;
  }
} // namespace

int
main(int argc, char **argv)
{
  using namespace NOxFlow;
  // Signals are handled from the start (MPI's set-up takes a while), so
  // set-up stops cleanly as well; again after it, because MPI and PETSc
  // install handlers of their own while they start.
  install_stop_handlers();
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  install_stop_handlers();
  const bool root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  const CommandLine options = parse_command_line(argc, argv, root);
  if (options.exit_code >= 0)
    return options.exit_code;
  const std::string &case_file = options.case_file;
  const bool         restart   = options.restart;
  std::string        output    = options.output;

  std::vector<std::string>   command_line(argv, argv + argc);
  RunRecord                  record(command_line, MPI_COMM_WORLD);
  std::unique_ptr<RunFolder> folder;
  // The run's record (run.json) once it has started; never for a refused
  // run (exit 2) or a restart with nothing to do.
  const auto finish = [&](const int code) {
    if (!folder)
      return code;
    std::ifstream status_file(folder->path() + "/status");
    std::string   status;
    std::getline(status_file, status);
    record.finish(folder->path(), code, status);
    return code;
  };
  try
    {
      if (options.print)
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
      if (!options.verbosity.empty())
        parameters.verbosity = options.verbosity;
      if (options.check)
        {
          if (parameters.dimension == 2)
            Simulation<2>::check(parameters, MPI_COMM_WORLD);
          else
            Simulation<3>::check(parameters, MPI_COMM_WORLD);
          if (root)
            std::cout << "Case " << case_file << ": no errors found."
                      << std::endl;
          return 0;
        }
      if (output.empty())
        output = parameters.output_directory;
      folder =
        std::make_unique<RunFolder>(output,
                                    restart ? RunFolder::Mode::restart :
                                    options.overwrite ?
                                              RunFolder::Mode::overwrite :
                                              RunFolder::Mode::fresh,
                                    MPI_COMM_WORLD);
      if (root && !folder->notice().empty())
        record.stream() << "Note: in " << output << ", " << folder->notice()
                        << "." << std::endl;
      if (parameters.dimension == 2)
        run_case<2>(parameters, output, record, restart);
      else
        run_case<3>(parameters, output, record, restart);
      return finish(0);
    }
  catch (const InputError &e)
    {
      record.error(std::string("Error: ") + e.what());
      folder.reset(); // nothing recorded: the folder is as it was
      return 2;
    }
  catch (const RunComplete &e)
    {
      if (root)
        std::cout << "Nothing to do: " << e.what() << std::endl;
      folder.reset();
      return 0;
    }
  catch (const RunStopped &e)
    {
      record.error(std::string("Stopped: ") + e.what());
      return finish(4);
    }
  catch (const ContinuationFailure &e)
    {
      record.error(std::string("Error: ") + e.what());
      return finish(3);
    }
  catch (const std::exception &e)
    {
      // A failed write or anything unforeseen: the status says so (rank 0
      // writes it alone; the other ranks may be elsewhere).
      record.error(std::string("Error: ") + e.what());
      if (root && folder)
        try
          {
            write_file_atomically(folder->path() + "/status",
                                  "failed: " + one_line(e.what()) + "\n");
          }
        catch (const std::exception &)
          {
            std::cerr << "Error: could not record the failure in "
                      << folder->path() << "/status either." << std::endl;
          }
      return finish(1);
    }
}
