#include <deal.II/base/mpi.h>
#include <deal.II/distributed/solution_transfer.h>

#include <physics/input_error.h>
#include <solver/output/checkpoint.h>
#include <solver/output/output_error.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;
  namespace fs = std::filesystem;

  namespace
  {
    const std::string prefix = "checkpoint-";

    /// FNV-1a 64-bit hash of a file's bytes: catches truncation and damage.
    std::uint64_t
    file_hash(const fs::path &path)
    {
      std::ifstream in(path, std::ios::binary);
      std::uint64_t h = 1469598103934665603ULL;
      char          buffer[1 << 16];
      while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        for (std::streamsize i = 0; i < in.gcount(); ++i)
          h = (h ^ static_cast<unsigned char>(buffer[i])) * 1099511628211ULL;
      return h;
    }

    /// Empty if @p folder's files match its manifest, else what is wrong.
    std::string
    damage(const fs::path &folder)
    {
      std::ifstream manifest(folder / "manifest");
      if (!manifest)
        return "no manifest (the write did not finish)";
      std::string    name;
      std::uintmax_t size;
      std::uint64_t  hash;
      unsigned int   n = 0;
      while (manifest >> std::quoted(name) >> size >> hash)
        {
          ++n;
          const fs::path file = folder / name;
          if (!fs::exists(file))
            return name + " is missing";
          if (fs::file_size(file) != size)
            return name + " has " + std::to_string(fs::file_size(file)) +
                   " bytes instead of " + std::to_string(size);
          if (file_hash(file) != hash)
            return name + " does not match its hash";
        }
      return n == 0 ? "empty manifest" : "";
    }

    std::vector<fs::path>
    checkpoints_newest_first(const std::string &directory)
    {
      std::vector<fs::path> result;
      if (!fs::is_directory(directory))
        return result;
      for (const auto &entry : fs::directory_iterator(directory))
        {
          const std::string name = entry.path().filename().string();
          if (entry.is_directory() && name.rfind(prefix, 0) == 0 &&
              name.find('.') == std::string::npos)
            result.push_back(entry.path());
        }
      std::sort(result.rbegin(), result.rend());
      return result;
    }
  } // namespace

  Checkpoints::Checkpoints(const std::string &run_directory,
                           const MPI_Comm     comm)
    : directory(run_directory + "/checkpoints")
    , comm(comm)
  {
    const auto existing = checkpoints_newest_first(directory);
    if (!existing.empty())
      next_index =
        std::stoi(existing.front().filename().string().substr(prefix.size())) +
        1;
  }

  template <int dim>
  void
  Checkpoints::save(const Discretization<dim>        &discretization,
                    const PETScWrappers::MPI::Vector &ghosted_solution,
                    const CheckpointState            &state)
  {
    // Room for the new checkpoint beside the old ones (p4est aborts on a
    // failed write): the newest one's size, or an estimate, twice.
    on_root_checked(comm, [&]() { fs::create_directories(directory); });
    const auto           existing = checkpoints_newest_first(directory);
    const std::uintmax_t size =
      existing.empty() ?
        16 * discretization.dof_handler.n_dofs() +
          200 * discretization.triangulation.n_global_active_cells() :
        bytes_under(existing.front().string());
    require_free_space(directory, 2 * size + (1u << 20), "checkpoint", comm);
    std::ostringstream name;
    name << prefix << std::setw(4) << std::setfill('0') << next_index++;
    const fs::path final_folder = fs::path(directory) / name.str();
    const fs::path temporary    = final_folder.string() + ".tmp";
    on_root_checked(comm, [&]() {
      fs::remove_all(temporary);
      fs::create_directories(temporary);
    });

    parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>
      transfer(discretization.dof_handler);
    transfer.prepare_for_serialization(ghosted_solution);
    const_cast<parallel::distributed::Triangulation<dim> &>(
      discretization.triangulation)
      .save((temporary / "mesh").string());

    // Rank 0 writes the state; a failed write stops every rank.
    on_root_checked(comm, [&]() {
      std::ostringstream out;
      out << std::setprecision(17) << "control_value " << state.control_value
          << "\ntargets_reached " << state.targets_reached << "\nsummary_rows "
          << state.summary_rows << "\noutputs " << state.outputs
          << "\nf_electrode_potentials " << state.f_electrode_potentials.size();
      for (const double v : state.f_electrode_potentials)
        out << ' ' << v;
      out << '\n';
      write_file_atomically((temporary / "state").string(), out.str());
      write_file_atomically((temporary / "fields.index").string(),
                            state.field_index);
      write_file_atomically((temporary / "case.prm").string(),
                            state.case_parameters);
      write_file_atomically((temporary / "version").string(), state.version);
      write_file_atomically((temporary / "coarse_mesh").string(),
                            state.coarse_mesh);
      std::ostringstream manifest;
      for (const auto &entry : fs::directory_iterator(temporary))
        manifest << std::quoted(entry.path().filename().string()) << ' '
                 << fs::file_size(entry.path()) << ' '
                 << file_hash(entry.path()) << '\n';
      write_file_atomically((temporary / "manifest").string(), manifest.str());
      fs::remove_all(final_folder);
      fs::rename(temporary, final_folder);
      // Keep the two newest intact checkpoints; damaged ones are useless.
      unsigned int kept = 0;
      for (const auto &folder : checkpoints_newest_first(directory))
        if (kept < 2 && damage(folder).empty())
          ++kept;
        else
          fs::remove_all(folder);
    });
    MPI_Barrier(comm);
  }

  std::string
  Checkpoints::newest_intact(std::ostream &warnings) const
  {
    for (const auto &folder : checkpoints_newest_first(directory))
      {
        const std::string problem = damage(folder);
        if (problem.empty())
          return folder.string();
        warnings << "Warning: checkpoint " << folder.string() << " is damaged ("
                 << problem << "); trying the one before it." << std::endl;
      }
    throw InputError("No intact checkpoint in '" + directory +
                     "' to restart from. Fix: run the case afresh "
                     "(--overwrite instead of --restart), or give the "
                     "--output folder of the run that wrote the "
                     "checkpoints.");
  }

  template <int dim>
  void
  Checkpoints::load_mesh(parallel::distributed::Triangulation<dim> &tria,
                         const std::string                         &folder)
  {
    tria.load(folder + "/mesh");
  }

  template <int dim>
  void
  Checkpoints::load_solution(const Discretization<dim>  &discretization,
                             PETScWrappers::MPI::Vector &owned_solution)
  {
    parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>
      transfer(discretization.dof_handler);
    transfer.deserialize(owned_solution);
  }

  CheckpointState
  Checkpoints::load_state(const std::string &folder)
  {
    CheckpointState state;
    std::ifstream   in(folder + "/state");
    std::string     key;
    std::size_t     n = 0;
    in >> key >> state.control_value >> key >> state.targets_reached >> key >>
      state.summary_rows >> key >> state.outputs >> key >> n;
    state.f_electrode_potentials.resize(n);
    for (double &v : state.f_electrode_potentials)
      in >> v;
    if (!in)
      throw InputError("Checkpoint state '" + folder +
                       "/state' is unreadable. Fix: remove that checkpoint "
                       "folder; the restart then takes the one before it.");
    const auto text_of = [&](const std::string &file) {
      std::ifstream      in(folder + "/" + file);
      std::ostringstream text;
      if (in)
        text << in.rdbuf();
      return text.str();
    };
    state.field_index     = text_of("fields.index");
    state.case_parameters = text_of("case.prm");
    state.version         = text_of("version");
    state.coarse_mesh     = text_of("coarse_mesh");
    return state;
  }

  template void
  Checkpoints::save(const Discretization<2> &,
                    const PETScWrappers::MPI::Vector &,
                    const CheckpointState &);
  template void
  Checkpoints::save(const Discretization<3> &,
                    const PETScWrappers::MPI::Vector &,
                    const CheckpointState &);
  template void
  Checkpoints::load_mesh(parallel::distributed::Triangulation<2> &,
                         const std::string &);
  template void
  Checkpoints::load_mesh(parallel::distributed::Triangulation<3> &,
                         const std::string &);
  template void
  Checkpoints::load_solution(const Discretization<2> &,
                             PETScWrappers::MPI::Vector &);
  template void
  Checkpoints::load_solution(const Discretization<3> &,
                             PETScWrappers::MPI::Vector &);
} // namespace NOxFlow
