#ifndef noxflow_solver_transport_porous_distribution_h
#define noxflow_solver_transport_porous_distribution_h

#include <deal.II/base/point.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>

#include <cmath>
#include <vector>

namespace NOxFlow
{
  /// The reaction current of a porous electrode around one mesh node.
  template <int dim>
  struct PorousNodeCurrent
  {
    dealii::Point<dim> location;
    /// Reaction current of the node's lumped volume, A (A/m in 2D).
    double current = 0.;
    /// That lumped volume, m3 (m2 in 2D).
    double volume = 0.;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &location &current &volume;
    }
  };

  /// A mesh node's coordinates rounded (1e-9 of @p length) so that its
  /// copies on different cells and ranks compare equal: a map key.
  template <int dim>
  std::vector<long long>
  mesh_node_key(const dealii::Point<dim> &p, const double length)
  {
    std::vector<long long> key(dim);
    for (unsigned int d = 0; d < dim; ++d)
      key[d] = std::llround(p[d] / length * 1e9);
    return key;
  }

  /**
   * @brief Where a porous electrode reacts: the reaction current of every
   * mesh node of its reacting regions, lumped as the operator assembles it
   * (so the currents sum to the electrode's current), merged over the cells
   * and ranks that share a node; on every rank, sorted by coordinate.
   * current / volume is the volumetric current density (A/m3).
   */
  template <int dim>
  std::vector<PorousNodeCurrent<dim>>
  porous_node_currents(const Discretization<dim>                &discretization,
                       const NernstPlanckModel<dim>             &model,
                       const dealii::PETScWrappers::MPI::Vector &ghosted,
                       const std::vector<double> &f_electrode_potentials,
                       const PorousElectrode     &porous);

  /**
   * @brief The same currents integrated through the electrode's thickness:
   * per node of the collector plane (the nodes projected along the
   * collector's normal), the current per projected area, A/m2. Samples lie
   * on the collector plane; with a uniform layer, the trapezoidal rule
   * over them gives the electrode current exactly.
   */
  template <int dim>
  std::vector<PorousNodeCurrent<dim>>
  projected_porous_currents(const std::vector<PorousNodeCurrent<dim>> &nodes,
                            const PorousElectrode                     &porous);
} // namespace NOxFlow

#endif
