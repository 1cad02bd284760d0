#ifndef noxflow_solver_output_field_output_h
#define noxflow_solver_output_field_output_h

#include <deal.II/base/data_out_base.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/velocity_field.h>

#include <cstdint>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief Writes fields into <run>/fields/ in HDF5 with an XDMF
   * time-series index for ParaView: the mesh once (mesh.h5), one fields-NNNN.h5
   * per call, and fields.xdmf listing them with the operating point as "time";
   * the same fields as fields-NNNN.pvtu (one .vtu per rank) indexed by
   * fields.pvd, for readers that open XDMF poorly in parallel (pvbatch -np N).
   *
   * Fields: the concentration of every species (mol/m3), pH (where OH- or
   * H+ exists), the electrolyte potential (V), the electrolyte current
   * density (A/m2, vector), the MPI rank, the mesh region (region_id, the
   * material id), for a computed flow the velocity (m/s, vector) and
   * pressure (Pa), and with porous electrodes their solid potential,
   * overpotential and rate per reaction and volumetric current
   * (PorousElectrodeFields).
   */
  template <int dim>
  class FieldOutput
  {
  public:
    FieldOutput(const std::string &run_directory);

    void
    write(const Discretization<dim>                &discretization,
          const NernstPlanckModel<dim>             &model,
          const dealii::PETScWrappers::MPI::Vector &ghosted_solution,
          const double                              operating_point,
          const FiniteElementVelocityField<dim>    *flow    = nullptr,
          const std::vector<double> &f_electrode_potentials = {});

    /// The XDMF index written so far, as text for a checkpoint.
    std::string
    index() const;

    /// Continues the time series of a checkpointed run.
    void
    restore_index(const std::string &text);

    /// The mesh changed (adaptation, or a restart of an adapted run): the
    /// next write stores it as mesh-NNNN.h5 (NNNN: that write's index),
    /// which that entry and the following ones refer to.
    void
    mesh_changed();

  private:
    std::string                    directory;
    std::vector<dealii::XDMFEntry> entries;
    /// (operating point, fields-NNNN.pvtu) for fields.pvd.
    std::vector<std::pair<double, std::string>> pvtu_records;
    bool                                        mesh_written = false;
    /// mesh.h5, or mesh-NNNN.h5 once the mesh has changed.
    std::string mesh_file = "mesh.h5";
    bool        adapted   = false;
    /// Bytes the last write added: what the next one needs free.
    std::uintmax_t last_bytes = 0;
  };

  /**
   * @brief The fields FieldOutput writes, on the locally owned cells, with
   * vertices merged and vectors in three components (as in the HDF5 files):
   * for in-situ consumers such as the Catalyst adaptor.
   *
   * @param filter Constructed with DataOutFilterFlags(true, true); receives
   * nodes, cells (deal.II's XDMF vertex order, which is VTK's for quads and
   * hexahedra) and the named data sets.
   */
  template <int dim>
  void
  filter_fields(const Discretization<dim>                &discretization,
                const NernstPlanckModel<dim>             &model,
                const dealii::PETScWrappers::MPI::Vector &ghosted_solution,
                const FiniteElementVelocityField<dim>    *flow,
                dealii::DataOutBase::DataOutFilter       &filter,
                const std::vector<double> &f_electrode_potentials = {});
} // namespace NOxFlow

#endif
