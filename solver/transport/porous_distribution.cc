#include <deal.II/base/mpi.h>

#include <solver/transport/cell_state.h>
#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/porous_distribution.h>

#include <algorithm>
#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  std::vector<NodalSum<dim>>
  porous_node_currents(const Discretization<dim>        &discretization,
                       const NernstPlanckModel<dim>     &model,
                       const PETScWrappers::MPI::Vector &ghosted,
                       const std::vector<double>        &f_phi_s,
                       const PorousElectrode            &porous)
  {
    CellState<dim>             state(model, *discretization.fe);
    const double               c_ref = model.scales.concentration;
    const unsigned int         pc    = model.potential_component();
    const unsigned int         sc    = model.solid_component();
    std::vector<double>        c(model.electrolyte.n_species());
    Physics::ReactionRate      rate;
    std::vector<NodalSum<dim>> local;
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned() ||
            !porous.regions.count(cell->material_id()))
          continue;
        const double a_v = porous.specific_area_in(cell->material_id());
        if (!(a_v > 0.))
          continue;
        state.reinit(cell, ghosted);
        // As the operator and the balances: reactions lumped at the nodes.
        for (unsigned int a = 0; a < state.n_nodes; ++a)
          {
            const double psi = state.cell_values(state.node_dof[pc][a]);
            const double xi  = state.cell_values(state.node_dof[sc][a]);
            for (unsigned int s = 0; s < c.size(); ++s)
              c[s] = state.nodal.at_node(a)[s] * c_ref;
            NodalSum<dim> node;
            node.location = cell->vertex(a);
            node.weight   = state.lumped_mass[a];
            for (const unsigned int r : model.reactions_on(porous.electrode))
              {
                model.reactions[r].evaluate(
                  c,
                  scaled_overpotential(model.reactions[r],
                                       f_phi_s[porous.electrode] + xi,
                                       psi),
                  rate);
                node.value += node.weight * a_v * rate.current_density;
              }
            local.push_back(node);
          }
      }
    return sum_at_nodes(local, model.scales.length, discretization.comm);
  }

  template <int dim>
  std::vector<NodalSum<dim>>
  projected_porous_currents(const std::vector<NodalSum<dim>> &nodes,
                            const PorousElectrode            &porous)
  {
    // Each node's share of the projected area is its lumped volume over the
    // reacting thickness.
    const double thickness = porous.reacting_volume / porous.projected_area;
    std::vector<NodalSum<dim>> on_plane = nodes;
    double                     length   = 0.;
    for (auto &node : on_plane)
      {
        for (unsigned int d = 0; d < dim; ++d)
          length = std::max(length, std::abs(node.location[d]));
        node.location[porous.collector_axis] = porous.collector_position;
      }
    auto projected = sum_at_nodes(on_plane, std::max(length, 1e-300));
    for (auto &node : projected)
      {
        node.weight /= thickness; // now the projected area, m2 (m in 2D)
        node.value /= node.weight;
      }
    return projected;
  }

  template std::vector<NodalSum<2>>
  porous_node_currents(const Discretization<2> &,
                       const NernstPlanckModel<2> &,
                       const PETScWrappers::MPI::Vector &,
                       const std::vector<double> &,
                       const PorousElectrode &);
  template std::vector<NodalSum<3>>
  porous_node_currents(const Discretization<3> &,
                       const NernstPlanckModel<3> &,
                       const PETScWrappers::MPI::Vector &,
                       const std::vector<double> &,
                       const PorousElectrode &);
  template std::vector<NodalSum<2>>
  projected_porous_currents(const std::vector<NodalSum<2>> &,
                            const PorousElectrode &);
  template std::vector<NodalSum<3>>
  projected_porous_currents(const std::vector<NodalSum<3>> &,
                            const PorousElectrode &);
} // namespace NOxFlow
