#include <deal.II/base/data_out_base.h>
#include <deal.II/base/exceptions.h>

#include <solver/catalyst/catalyst_adaptor.h>

#include <vtkCPDataDescription.h>
#include <vtkCPInputDataDescription.h>
#include <vtkCPProcessor.h>
#include <vtkCPPythonScriptV2Pipeline.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkIntArray.h>
#include <vtkMPI.h>
#include <vtkMultiBlockDataSet.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <algorithm>
#include <filesystem>

namespace NOxFlow
{
  namespace
  {
    /// The locally owned cells of the filter as a VTK grid. deal.II's
    /// XDMF vertex order of quads and hexahedra is VTK's.
    vtkSmartPointer<vtkUnstructuredGrid>
    to_vtk(const dealii::DataOutBase::DataOutFilter &fields, const int rank)
    {
      auto grid = vtkSmartPointer<vtkUnstructuredGrid>::New();

      std::vector<double> nodes;
      fields.fill_node_data(nodes);
      const unsigned int n_nodes  = fields.n_nodes();
      const unsigned int node_dim = n_nodes > 0 ? nodes.size() / n_nodes : 0;
      vtkNew<vtkPoints>  points;
      points->SetDataTypeToDouble();
      points->SetNumberOfPoints(n_nodes);
      for (unsigned int i = 0; i < n_nodes; ++i)
        {
          double x[3] = {0., 0., 0.};
          for (unsigned int d = 0; d < node_dim; ++d)
            x[d] = nodes[i * node_dim + d];
          points->SetPoint(i, x);
        }
      grid->SetPoints(points);

      std::vector<unsigned int> connectivity;
      fields.fill_cell_data(0, connectivity);
      const unsigned int n_cells = n_nodes > 0 ? fields.n_cells() : 0;
      const unsigned int n_vertices =
        n_cells > 0 ? connectivity.size() / n_cells : 0;
      Assert(n_cells == 0 || n_vertices == 4 || n_vertices == 8,
             dealii::ExcMessage("Catalyst adaptor: quads or hexahedra only"));
      grid->Allocate(n_cells);
      for (unsigned int c = 0; c < n_cells; ++c)
        {
          vtkIdType ids[8];
          std::copy_n(&connectivity[c * n_vertices], n_vertices, ids);
          grid->InsertNextCell(n_vertices == 8 ? VTK_HEXAHEDRON : VTK_QUAD,
                               n_vertices,
                               ids);
        }

      for (unsigned int s = 0; s < fields.n_data_sets(); ++s)
        {
          const std::string name = fields.get_data_set_name(s);
          // The rank is a cell field here (below), not an interpolated one.
          if (name == "mpi_rank")
            continue;
          const unsigned int     n_components = fields.get_data_set_dim(s);
          const double          *values       = fields.get_data_set(s);
          vtkNew<vtkDoubleArray> array;
          array->SetName(name.c_str());
          array->SetNumberOfComponents(n_components);
          array->SetNumberOfTuples(n_nodes);
          std::copy_n(values,
                      static_cast<std::size_t>(n_nodes) * n_components,
                      array->GetPointer(0));
          grid->GetPointData()->AddArray(array);
        }

      vtkNew<vtkIntArray> ranks;
      ranks->SetName("mpi_rank");
      ranks->SetNumberOfTuples(n_cells);
      ranks->FillValue(rank);
      grid->GetCellData()->AddArray(ranks);
      return grid;
    }

    /// CatalystAdaptor with ParaView's legacy Catalyst API (vtkCPProcessor)
    /// and a V2 Python pipeline.
    class ParaViewAdaptor : public CatalystAdaptor
    {
    public:
      ParaViewAdaptor(const std::string &script_file,
                      const std::string &directory,
                      const MPI_Comm     communicator)
        : script(std::filesystem::absolute(script_file).string())
        , comm(communicator)
      {
        MPI_Comm_rank(comm, &rank);
        MPI_Comm_size(comm, &n_ranks);
        // The processor changes into the run folder while a pipeline runs.
        vtkMPICommunicatorOpaqueComm opaque(&comm);
        const std::string            working_directory =
          std::filesystem::absolute(directory).string();
        AssertThrow(
          processor->Initialize(opaque, working_directory.c_str()) != 0,
          dealii::ExcMessage("ParaView Catalyst failed to initialize."));
        vtkNew<vtkCPPythonScriptV2Pipeline> pipeline;
        AssertThrow(pipeline->Initialize(script.c_str()),
                    dealii::ExcMessage(
                      "ParaView Catalyst cannot load the script '" + script +
                      "' (Output/Catalyst script)."));
        processor->AddPipeline(pipeline);
      }

      ~ParaViewAdaptor() override
      {
        processor->Finalize();
      }

      void
      execute(const dealii::DataOutBase::DataOutFilter &fields,
              const double                              time,
              const unsigned int                        step) override
      {
        vtkNew<vtkCPDataDescription> description;
        description->AddInput("input");
        description->SetTimeData(time, step);
        // The case file chose this step (Output/Catalyst every, targets).
        description->SetForceOutput(true);
        if (processor->RequestDataDescription(description) == 0)
          return;

        vtkNew<vtkMultiBlockDataSet> blocks;
        blocks->SetNumberOfBlocks(n_ranks);
        blocks->SetBlock(rank, to_vtk(fields, rank));
        description->GetInputDescriptionByName("input")->SetGrid(blocks);
        AssertThrow(processor->CoProcess(description) != 0,
                    dealii::ExcMessage(
                      "ParaView Catalyst failed in the script '" + script +
                      "' at step " + std::to_string(step) +
                      " (its Python error is printed above)."));
      }

    private:
      const std::string      script;
      MPI_Comm               comm;
      int                    rank    = 0;
      int                    n_ranks = 1;
      vtkNew<vtkCPProcessor> processor;
    };
  } // namespace
} // namespace NOxFlow

/// The plugin's entry point, found by CatalystAdaptor::create().
extern "C" NOxFlow::CatalystAdaptor *
noxflow_create_catalyst_adaptor(const std::string &script,
                                const std::string &directory,
                                const MPI_Comm     comm)
{
  return new NOxFlow::ParaViewAdaptor(script, directory, comm);
}
