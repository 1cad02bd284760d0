#ifndef noxflow_solver_flow_computed_flow_h
#define noxflow_solver_flow_computed_flow_h

#include <deal.II/base/conditional_ostream.h>

#include <meshes/mesh_names.h>
#include <solver/flow/flow_diagnostics.h>
#include <solver/flow/flow_settings.h>
#include <solver/flow/flow_solver.h>
#include <solver/flow/refined_flow.h>
#include <solver/transport/velocity_field.h>

#include <functional>
#include <memory>
#include <string>

namespace NOxFlow
{
  /// @brief What the flow stage needs of a case (and nothing else of it).
  template <int dim>
  struct FlowStageInput
  {
    FlowSettings settings;
    /// Builds the case's unrefined mesh, for a flow solved 'Coarser mesh
    /// levels' below the transport mesh.
    std::function<void(dealii::Triangulation<dim> &)> create_coarse_mesh;
    /// Global refinements of the transport mesh.
    unsigned int global_refinements = 0;
    /// Depth of a 2D section (m): flow rates per area and mL/min.
    double depth = 1.;
    /// Smallest species diffusivity (m2/s), for the channel Peclet number.
    double smallest_diffusivity = 1e-9;
    /// The transport mesh will be adapted: the flow keeps a mesh of its
    /// own (the uniform one) and follows the transport mesh by follow().
    bool adaptive_transport_mesh = false;
    /// Each flow Newton step is printed here, if set (--verbosity debug).
    std::ostream *newton_log = nullptr;
  };

  /**
   * @brief The flow stage of a run (flow first, one-way coupling): solves
   * the case's Stokes or Navier-Stokes/Brinkman flow on the transport mesh,
   * or 'Flow/Coarser mesh levels' uniform refinements below it, or, when
   * the transport mesh will be adapted, on a uniform mesh of its own (then
   * carried to the transport cells exactly, see RefinedFlow), and hands the
   * velocity to the transport.
   */
  template <int dim>
  class ComputedFlow
  {
  public:
    /// Builds and solves the flow; logs its cost and figures to @p log.
    ComputedFlow(const FlowStageInput<dim>                               &input,
                 const Meshes::MeshNames                                 &names,
                 const dealii::parallel::distributed::Triangulation<dim> &tria,
                 dealii::ConditionalOStream                              &log);

    /// The velocity (and pressure) on the transport mesh.
    std::shared_ptr<const FiniteElementVelocityField<dim>>
    velocity() const
    {
      return field;
    }

    /// Carries the flow onto @p tria after it was adapted (exact; needs
    /// FlowStageInput::adaptive_transport_mesh); velocity() changes.
    void
    follow(const dealii::parallel::distributed::Triangulation<dim> &tria);

    /// The text of the run folder's flow.tsv: flow rate and mean pressure
    /// per boundary, pressure drop, Reynolds and Peclet numbers.
    std::string
    summary_table() const;

    /// "flow_dofs=... flow_newton=..." for the metrics line.
    std::string
    metrics() const;

    /// Flow rates, pressures and speeds (of the mesh the flow was solved
    /// on).
    const FlowSummary &
    summary() const
    {
      return flow_summary;
    }

  private:
    const FlowStageInput<dim>      input;
    const Meshes::NamedBoundaries &boundaries;
    /// The mesh the flow is solved on, if coarser than the transport's.
    std::unique_ptr<dealii::parallel::distributed::Triangulation<dim>>
                                                           coarser_mesh;
    FlowProblem<dim>                                       problem;
    std::unique_ptr<FlowSolver<dim>>                       flow_solver;
    std::unique_ptr<RefinedFlow<dim>>                      refined;
    std::shared_ptr<const FiniteElementVelocityField<dim>> field;
    FlowSolveReport                                        report;
    FlowSummary                                            flow_summary;
    dealii::types::global_dof_index                        n_flow_dofs = 0;
    double                                                 seconds     = 0.;
    /// Pressure drop inlets -> outlets (area-mean pressures), Pa.
    double pressure_drop = 0.;
    /// rho U d_h / mu with the mean inlet velocity; U h / D_min.
    double channel_reynolds = 0., channel_peclet = 0.;
  };
} // namespace NOxFlow

#endif
