#include <deal.II/base/mpi.h>

#include <solver/transport/cell_state.h>
#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/porous_distribution.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Sums entries with equal keys; the result sorted by coordinate.
    template <int dim, typename KeyOf>
    std::vector<PorousNodeCurrent<dim>>
    merge(const std::vector<PorousNodeCurrent<dim>> &entries,
          const KeyOf                               &key_of_entry)
    {
      std::map<std::vector<long long>, PorousNodeCurrent<dim>> merged;
      for (const auto &entry : entries)
        {
          auto [it, inserted] = merged.emplace(key_of_entry(entry), entry);
          if (!inserted)
            {
              it->second.current += entry.current;
              it->second.volume += entry.volume;
            }
        }
      std::vector<PorousNodeCurrent<dim>> result;
      for (const auto &[key, entry] : merged)
        result.push_back(entry);
      return result;
    }
  } // namespace

  template <int dim>
  std::vector<PorousNodeCurrent<dim>>
  porous_node_currents(const Discretization<dim>        &discretization,
                       const NernstPlanckModel<dim>     &model,
                       const PETScWrappers::MPI::Vector &ghosted,
                       const std::vector<double>        &f_phi_s,
                       const PorousElectrode            &porous)
  {
    CellState<dim>                      state(model, *discretization.fe);
    const double                        c_ref = model.scales.concentration;
    const unsigned int                  pc    = model.potential_component();
    const unsigned int                  sc    = model.solid_component();
    std::vector<double>                 c(model.electrolyte.n_species());
    Physics::ReactionRate               rate;
    std::vector<PorousNodeCurrent<dim>> local;
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
            PorousNodeCurrent<dim> node;
            node.location = cell->vertex(a);
            node.volume   = state.lumped_mass[a];
            for (const unsigned int r : model.reactions_on(porous.electrode))
              {
                model.reactions[r].evaluate(
                  c,
                  scaled_overpotential(model.reactions[r],
                                       f_phi_s[porous.electrode] + xi,
                                       psi),
                  rate);
                node.current += node.volume * a_v * rate.current_density;
              }
            local.push_back(node);
          }
      }
    std::vector<PorousNodeCurrent<dim>> all;
    for (const auto &part :
         Utilities::MPI::all_gather(discretization.comm, local))
      all.insert(all.end(), part.begin(), part.end());
    const double length = model.scales.length;
    return merge<dim>(all, [&](const PorousNodeCurrent<dim> &n) {
      return mesh_node_key(n.location, length);
    });
  }

  template <int dim>
  std::vector<PorousNodeCurrent<dim>>
  projected_porous_currents(const std::vector<PorousNodeCurrent<dim>> &nodes,
                            const PorousElectrode                     &porous)
  {
    // Each node's share of the projected area is its lumped volume over the
    // reacting thickness.
    const double thickness = porous.reacting_volume / porous.projected_area;
    std::vector<PorousNodeCurrent<dim>> on_plane = nodes;
    double                              length   = 0.;
    for (auto &node : on_plane)
      {
        for (unsigned int d = 0; d < dim; ++d)
          length = std::max(length, std::abs(node.location[d]));
        node.location[porous.collector_axis] = porous.collector_position;
      }
    auto projected = merge<dim>(on_plane, [&](const PorousNodeCurrent<dim> &n) {
      return mesh_node_key(n.location, std::max(length, 1e-300));
    });
    for (auto &node : projected)
      {
        node.volume /= thickness; // now the projected area, m2 (m in 2D)
        node.current /= node.volume;
      }
    return projected;
  }

  template std::vector<PorousNodeCurrent<2>>
  porous_node_currents(const Discretization<2> &,
                       const NernstPlanckModel<2> &,
                       const PETScWrappers::MPI::Vector &,
                       const std::vector<double> &,
                       const PorousElectrode &);
  template std::vector<PorousNodeCurrent<3>>
  porous_node_currents(const Discretization<3> &,
                       const NernstPlanckModel<3> &,
                       const PETScWrappers::MPI::Vector &,
                       const std::vector<double> &,
                       const PorousElectrode &);
  template std::vector<PorousNodeCurrent<2>>
  projected_porous_currents(const std::vector<PorousNodeCurrent<2>> &,
                            const PorousElectrode &);
  template std::vector<PorousNodeCurrent<3>>
  projected_porous_currents(const std::vector<PorousNodeCurrent<3>> &,
                            const PorousElectrode &);
} // namespace NOxFlow
