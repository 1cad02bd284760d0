#ifndef noxflow_solver_flow_flow_from_case_h
#define noxflow_solver_flow_flow_from_case_h

#include <meshes/mesh_names.h>
#include <solver/flow/flow_problem.h>
#include <solver/flow/flow_settings.h>
#include <solver/flow/inlet_profile.h>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
}

namespace NOxFlow
{
  /// Mean inlet velocity, m/s: the case's mean velocity, or the flow rate
  /// (mL/min) over the inlet area @p inlet_area (m2).
  double
  inlet_mean_velocity(const FlowSettings &settings, const double inlet_area);

  /**
   * @brief The flow problem a case file describes on a mesh: boundary names
   * resolved, the developed (or uniform) inlet profile across each inlet
   * face, porous media on their named regions. @p depth is the depth of a
   * 2D section (for the flow rate). Throws an InputError for unknown names.
   */
  template <int dim>
  FlowProblem<dim>
  flow_problem_from_case(const FlowSettings                    &settings,
                         const Meshes::MeshNames               &names,
                         const dealii::Triangulation<dim, dim> &tria,
                         const double                           depth);

  /// Total inlet area (m2) of the case's inlet boundaries; a 2D measure
  /// times @p depth.
  template <int dim>
  double
  inlet_area(const FlowSettings                    &settings,
             const Meshes::MeshNames               &names,
             const dealii::Triangulation<dim, dim> &tria,
             const double                           depth);
} // namespace NOxFlow

#endif
