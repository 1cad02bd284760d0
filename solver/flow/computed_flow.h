#ifndef noxflow_solver_flow_computed_flow_h
#define noxflow_solver_flow_computed_flow_h

#include <deal.II/base/conditional_ostream.h>

#include <solver/case_parameters.h>
#include <solver/flow/flow_diagnostics.h>
#include <solver/flow/flow_solver.h>
#include <solver/velocity_field.h>

#include <memory>
#include <string>

namespace NOxFlow
{
  /**
   * @brief The flow stage of a run (flow first, one-way coupling): solves
   * the case's Stokes or Navier-Stokes/Brinkman flow on the transport mesh
   * and hands the velocity to the transport.
   */
  template <int dim>
  class ComputedFlow
  {
  public:
    /// Builds and solves the flow; logs its cost and figures to @p log.
    ComputedFlow(const CaseParameters                                    &prm,
                 const Meshes::MeshNames                                 &names,
                 const dealii::parallel::distributed::Triangulation<dim> &tria,
                 dealii::ConditionalOStream                              &log);

    std::shared_ptr<const VelocityField<dim>>
    velocity() const;

    /// Writes flow.tsv (figures per boundary and the totals) into
    /// @p directory, from rank 0.
    void
    write_summary(const std::string &directory) const;

    /// "flow_dofs=... flow_newton=..." for the metrics line.
    std::string
    metrics() const;

    const FlowSolver<dim> &
    solver() const
    {
      return *flow_solver;
    }

  private:
    const CaseParameters            &prm;
    const Meshes::NamedBoundaries   &boundaries;
    FlowProblem<dim>                 problem;
    std::unique_ptr<FlowSolver<dim>> flow_solver;
    FlowSolveReport                  report;
    FlowSummary                      summary;
    double                           seconds = 0.;
    /// Pressure drop inlets -> outlets (area-mean pressures), Pa.
    double pressure_drop = 0.;
    /// rho U d_h / mu with the mean inlet velocity; U h / D_min.
    double channel_reynolds = 0., channel_peclet = 0.;
  };
} // namespace NOxFlow

#endif
