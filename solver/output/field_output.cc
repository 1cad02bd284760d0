#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <physics/constants.h>
#include <solver/output/field_output.h>
#include <solver/output/gas_fields.h>
#include <solver/output/output_error.h>
#include <solver/output/porous_electrode_fields.h>
#include <solver/transport/electrolyte_current.h>

#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Dimensional fields from the scaled solution components.
    template <int dim>
    class ElectrolyteFields : public DataPostprocessor<dim>
    {
    public:
      explicit ElectrolyteFields(const NernstPlanckModel<dim> &model)
        : model(model)
      {}

      std::vector<std::string>
      get_names() const override
      {
        std::vector<std::string> names;
        for (unsigned int s = 0; s < model.electrolyte.n_species(); ++s)
          names.push_back("c_" + model.electrolyte[s].name);
        if (model.electrolyte.has_ph())
          names.push_back("pH");
        names.push_back("phi_l");
        for (unsigned int d = 0; d < dim; ++d)
          names.push_back("current_density");
        return names;
      }

      std::vector<DataComponentInterpretation::DataComponentInterpretation>
      get_data_component_interpretation() const override
      {
        std::vector<DataComponentInterpretation::DataComponentInterpretation>
          result(get_names().size() - dim,
                 DataComponentInterpretation::component_is_scalar);
        for (unsigned int d = 0; d < dim; ++d)
          result.push_back(
            DataComponentInterpretation::component_is_part_of_vector);
        return result;
      }

      UpdateFlags
      get_needed_update_flags() const override
      {
        return update_values | update_gradients;
      }

      void
      evaluate_vector_field(
        const DataPostprocessorInputs::Vector<dim> &inputs,
        std::vector<Vector<double>>                &computed) const override
      {
        const auto                     &e         = model.electrolyte;
        const unsigned int              n_species = e.n_species();
        const double                    c_ref     = model.scales.concentration;
        const double                    f_rt = model.electrolyte.f_over_rt();
        std::vector<double>             c(n_species);
        std::vector<Tensor<1, dim>>     grad_c(n_species);
        Physics::Speciation::Point<dim> point;
        const auto                      cell = inputs.template get_cell<dim>();
        const auto  &region = model.region(cell->material_id());
        const double rho    = region.fixed_charge / c_ref;
        for (unsigned int q = 0; q < computed.size(); ++q)
          {
            const auto &v = inputs.solution_values[q];
            const auto &g = inputs.solution_gradients[q];
            model.speciation().evaluate(v.begin(), g.data(), rho, point);
            for (unsigned int s = 0; s < n_species; ++s)
              {
                c[s]      = point.c[s] * c_ref;
                grad_c[s] = point.grad_c[s] * c_ref;
              }
            const unsigned int pc = model.potential_component();

            unsigned int out = 0;
            for (unsigned int s = 0; s < n_species; ++s)
              computed[q](out++) = c[s];
            if (e.has_ph())
              computed[q](out++) = e.ph(c);
            computed[q](out++)           = v[pc] / f_rt;
            const Tensor<1, dim> current = electrolyte_current_density(
              e, region.diffusivity_factor, c, grad_c, g[pc]);
            for (unsigned int d = 0; d < dim; ++d)
              computed[q](out++) = current[d];
          }
      }

    private:
      const NernstPlanckModel<dim> &model;
    };

    /// The fields of FieldOutput as patches of a DataOut (the
    /// post-processor lives as long as the DataOut that points to it).
    template <int dim>
    struct FieldPatches
    {
      FieldPatches(const Discretization<dim>             &discretization,
                   const NernstPlanckModel<dim>          &model,
                   const PETScWrappers::MPI::Vector      &solution,
                   const FiniteElementVelocityField<dim> *flow,
                   const std::vector<double>             &f_phi_s)
        : fields(model)
        , porous_fields(model, f_phi_s)
        , gas_fields(model)
        , rank(discretization.triangulation.n_active_cells())
        , region(discretization.triangulation.n_active_cells())
      {
        data_out.attach_dof_handler(discretization.dof_handler);
        data_out.add_data_vector(solution, fields);
        if (model.has_solid_phase() && !f_phi_s.empty())
          data_out.add_data_vector(solution, porous_fields);
        if (model.gas)
          data_out.add_data_vector(solution, gas_fields);
        rank = Utilities::MPI::this_mpi_process(discretization.comm);
        data_out.add_data_vector(rank, "mpi_rank");
        // The mesh region of each cell (membrane, catalyst layer, ...).
        for (const auto &cell :
             discretization.triangulation.active_cell_iterators())
          if (cell->is_locally_owned())
            region[cell->active_cell_index()] = cell->material_id();
        data_out.add_data_vector(region, "region_id");
        if (flow)
          {
            std::vector<std::string> names(dim, "velocity");
            names.push_back("pressure");
            std::vector<
              DataComponentInterpretation::DataComponentInterpretation>
              kinds(dim,
                    DataComponentInterpretation::component_is_part_of_vector);
            kinds.push_back(DataComponentInterpretation::component_is_scalar);
            data_out.add_data_vector(flow->dof_handler(),
                                     flow->solution(),
                                     names,
                                     kinds);
          }
        data_out.build_patches();
      }

      ElectrolyteFields<dim>     fields;
      PorousElectrodeFields<dim> porous_fields;
      GasFields<dim>             gas_fields;
      /// Cell data; DataOut keeps pointers to them until the patches exist.
      Vector<float> rank, region;
      DataOut<dim>  data_out;
    };
  } // namespace

  template <int dim>
  void
  filter_fields(const Discretization<dim>             &discretization,
                const NernstPlanckModel<dim>          &model,
                const PETScWrappers::MPI::Vector      &ghosted_solution,
                const FiniteElementVelocityField<dim> *flow,
                DataOutBase::DataOutFilter            &filter,
                const std::vector<double>             &f_phi_s)
  {
    FieldPatches<dim> patches(
      discretization, model, ghosted_solution, flow, f_phi_s);
    patches.data_out.write_filtered_data(filter);
  }

  template <int dim>
  FieldOutput<dim>::FieldOutput(const std::string &run_directory)
    : directory(run_directory + "/fields")
  {}

  template <int dim>
  void
  FieldOutput<dim>::write(const Discretization<dim>        &discretization,
                          const NernstPlanckModel<dim>     &model,
                          const PETScWrappers::MPI::Vector &solution,
                          const double                      operating_point,
                          const FiniteElementVelocityField<dim> *flow,
                          const std::vector<double>             &f_phi_s)
  {
    on_root_checked(discretization.comm,
                    [&]() { std::filesystem::create_directories(directory); });
    // HDF5 leaves damaged files on a full disk: check first.
    const std::uintmax_t before = bytes_under(directory);
    require_free_space(directory,
                       std::max<std::uintmax_t>(2 * last_bytes,
                                                100 * solution.size()) +
                         (1u << 20),
                       "fields",
                       discretization.comm);
    FieldPatches<dim> patches(discretization, model, solution, flow, f_phi_s);
    auto             &data_out = patches.data_out;

    DataOutBase::DataOutFilter filter(
      DataOutBase::DataOutFilterFlags(true, true));
    data_out.write_filtered_data(filter);
    std::ostringstream name;
    name << "fields-" << std::setw(4) << std::setfill('0') << entries.size()
         << ".h5";
    if (!mesh_written && adapted)
      {
        std::ostringstream file;
        file << "mesh-" << std::setw(4) << std::setfill('0') << entries.size()
             << ".h5";
        mesh_file = file.str();
      }
    data_out.write_hdf5_parallel(filter,
                                 !mesh_written,
                                 directory + "/" + mesh_file,
                                 directory + "/" + name.str(),
                                 discretization.comm);
    mesh_written = true;
    entries.push_back(data_out.create_xdmf_entry(
      filter, mesh_file, name.str(), operating_point, discretization.comm));
    data_out.write_xdmf_file(entries,
                             directory + "/fields.xdmf",
                             discretization.comm);

    // zlib's fastest level: the default best compression took 2.6 s of the
    // 40 s channel ramp (now 0.7 s) for .vtu files only 11 % smaller.
    DataOutBase::VtkFlags vtk_flags;
    vtk_flags.compression_level = DataOutBase::VtkFlags::best_speed;
    data_out.set_flags(vtk_flags);
    const unsigned int n_ranks =
      Utilities::MPI::n_mpi_processes(discretization.comm);
    const std::string pvtu =
      data_out.write_vtu_with_pvtu_record(directory + "/",
                                          "fields",
                                          pvtu_records.size(),
                                          discretization.comm,
                                          4,
                                          std::min(n_ranks, 64u));
    pvtu_records.emplace_back(operating_point, pvtu);
    if (Utilities::MPI::this_mpi_process(discretization.comm) == 0)
      {
        std::ofstream pvd(directory + "/fields.pvd");
        DataOutBase::write_pvd_record(pvd, pvtu_records);
      }
    const std::uintmax_t after = bytes_under(directory);
    last_bytes                 = after > before ? after - before : 0;
  }

  template <int dim>
  void
  FieldOutput<dim>::mesh_changed()
  {
    mesh_written = false;
    adapted      = true;
  }

  template <int dim>
  std::string
  FieldOutput<dim>::index() const
  {
    std::ostringstream            text;
    boost::archive::text_oarchive archive(text);
    archive << entries << pvtu_records;
    return text.str();
  }

  template <int dim>
  void
  FieldOutput<dim>::restore_index(const std::string &text)
  {
    entries.clear();
    pvtu_records.clear();
    if (!text.empty())
      {
        std::istringstream            in(text);
        boost::archive::text_iarchive archive(in);
        archive >> entries >> pvtu_records;
      }
    mesh_written = !entries.empty();
  }

  template class FieldOutput<2>;
  template class FieldOutput<3>;
  template void
  filter_fields(const Discretization<2> &,
                const NernstPlanckModel<2> &,
                const PETScWrappers::MPI::Vector &,
                const FiniteElementVelocityField<2> *,
                DataOutBase::DataOutFilter &,
                const std::vector<double> &);
  template void
  filter_fields(const Discretization<3> &,
                const NernstPlanckModel<3> &,
                const PETScWrappers::MPI::Vector &,
                const FiniteElementVelocityField<3> *,
                DataOutBase::DataOutFilter &,
                const std::vector<double> &);
} // namespace NOxFlow
