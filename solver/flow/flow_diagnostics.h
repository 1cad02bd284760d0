#ifndef noxflow_solver_flow_flow_diagnostics_h
#define noxflow_solver_flow_flow_diagnostics_h

#include <solver/flow/flow_solver.h>

#include <map>

namespace NOxFlow
{
  /// Integral and peak quantities of a flow solution.
  struct FlowSummary
  {
    /// Outward flux int u.n dA per boundary id, m3/s (m2/s in 2D).
    std::map<dealii::types::boundary_id, double> flow_rate;
    /// Area-averaged pressure per boundary id, Pa.
    std::map<dealii::types::boundary_id, double> mean_pressure;
    double                                       max_speed = 0.;
    /// max over cells of rho |u| h / mu (open cells).
    double max_cell_reynolds = 0.;
    /// max over cells of |u| h / (2 D_min), if a diffusivity was given.
    double max_cell_peclet = 0.;
  };

  /// Integrals over boundary faces and maxima over cells, summed over all
  /// MPI ranks. @p min_diffusivity (m2/s) of the transported species gives
  /// the cell Peclet number; 0 skips it.
  template <int dim>
  FlowSummary
  summarize_flow(const FlowSolver<dim> &solver,
                 const double           min_diffusivity = 0.);
} // namespace NOxFlow

#endif
