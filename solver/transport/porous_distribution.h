#ifndef noxflow_solver_transport_porous_distribution_h
#define noxflow_solver_transport_porous_distribution_h

#include <deal.II/base/point.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/nodal_sum.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Where a porous electrode reacts: the reaction current of every
   * mesh node of its reacting regions, lumped as the operator assembles it
   * (so the currents sum to the electrode's current), merged over the cells
   * and ranks that share a node; on every rank, sorted by coordinate.
   * value: the current of the node's lumped volume, A (A/m in 2D); weight:
   * that volume, m3 (m2 in 2D); value / weight: the volumetric current
   * density, A/m3.
   */
  template <int dim>
  std::vector<NodalSum<dim>>
  porous_node_currents(const Discretization<dim>                &discretization,
                       const NernstPlanckModel<dim>             &model,
                       const dealii::PETScWrappers::MPI::Vector &ghosted,
                       const std::vector<double> &f_electrode_potentials,
                       const PorousElectrode     &porous);

  /**
   * @brief The same currents integrated through the electrode's thickness:
   * per node of the collector plane (the nodes projected along the
   * collector's normal), value: the current per projected area, A/m2,
   * weight: the projected area the node stands for. Samples lie
   * on the collector plane; with a uniform layer, the trapezoidal rule
   * over them gives the electrode current exactly.
   */
  template <int dim>
  std::vector<NodalSum<dim>>
  projected_porous_currents(const std::vector<NodalSum<dim>> &nodes,
                            const PorousElectrode            &porous);
} // namespace NOxFlow

#endif
