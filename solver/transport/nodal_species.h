#ifndef noxflow_solver_transport_nodal_species_h
#define noxflow_solver_transport_nodal_species_h

#include <deal.II/fe/fe.h>
#include <deal.II/lac/vector.h>

#include <solver/transport/nernst_planck_model.h>

#include <unordered_map>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief Species concentrations of one cell, speciated at its nodes and
   * interpolated with the Q1 shape functions (group interpolation).
   *
   * Equilibria make species strongly nonlinear in the unknowns (c_H jumps
   * by orders of magnitude where the proton total changes sign); speciating
   * at quadrature points puts that kink inside cells and stalls Newton at a
   * titration front. At the nodes, every species is a smooth monotone
   * function of its node's unknowns and its interpolant is Q1, so the
   * residual stays smooth. Without equilibria it is the plain interpolant.
   */
  template <int dim>
  class NodalSpecies
  {
  public:
    NodalSpecies(const NernstPlanckModel<dim>     &model,
                 const dealii::FiniteElement<dim> &fe)
      : model(model)
      , n_nodes(fe.base_element(0).n_dofs_per_cell())
      , n_t(model.speciation().n_transported())
      , node_dof(fe.n_components(), std::vector<unsigned int>(n_nodes))
      , nodes(n_nodes)
      , u(n_t)
    {
      for (unsigned int c = 0; c < fe.n_components(); ++c)
        for (unsigned int a = 0; a < n_nodes; ++a)
          node_dof[c][a] = fe.component_to_system_index(c, a);
    }

    /**
     * From now on, keep every node's speciation for the later cells that
     * share the node (2^dim of them), as long as the solution does not
     * change: call it for one pass over the cells (an assembly). Only
     * where the speciation solves equilibria; the plain totals cost less
     * than the lookup.
     */
    void
    remember_nodes()
    {
      const auto &speciation = model.speciation();
      remembering = speciation.n_species() > speciation.n_transported() + 1;
    }

    /// Speciates at the nodes of a cell of @p material from its local DoF
    /// values @p cell_values (global DoF indices @p dof_indices).
    void
    reinit(const dealii::Vector<double>                       &cell_values,
           const dealii::types::material_id                    material,
           const std::vector<dealii::types::global_dof_index> &dof_indices)
    {
      const double rho =
        model.region(material).fixed_charge / model.scales.concentration;
      for (unsigned int a = 0; a < n_nodes; ++a)
        {
          if (remembering && recall(dof_indices[node_dof[0][a]], rho, a))
            continue;
          for (unsigned int k = 0; k < n_t; ++k)
            u[k] = cell_values(node_dof[k][a]);
          model.speciation().evaluate(u.data(), rho, nodes[a]);
          if (remembering)
            remember(dof_indices[node_dof[0][a]], rho, a);
        }
    }

    /// Scaled concentrations at a point with node shape values @p phi.
    void
    interpolate(const std::vector<double> &phi, std::vector<double> &c) const
    {
      std::fill(c.begin(), c.end(), 0.);
      for (unsigned int a = 0; a < n_nodes; ++a)
        for (unsigned int s = 0; s < c.size(); ++s)
          c[s] += nodes[a].c[s] * phi[a];
    }

    /// dc_s/du_k at node a (scaled).
    double
    derivative(const unsigned int a,
               const unsigned int s,
               const unsigned int k) const
    {
      return nodes[a].d_c[s][k];
    }

    const std::vector<double> &
    at_node(const unsigned int a) const
    {
      return nodes[a].c;
    }

    /// Local DoF of component @p c at node @p a.
    unsigned int
    dof(const unsigned int c, const unsigned int a) const
    {
      return node_dof[c][a];
    }

    unsigned int
    n_cell_nodes() const
    {
      return n_nodes;
    }

  private:
    /// Node @p a from the kept speciation of the node with first DoF
    /// @p key under fixed charge @p rho, if there is one.
    bool
    recall(const dealii::types::global_dof_index key,
           const double                          rho,
           const unsigned int                    a)
    {
      const auto found = kept.find(key);
      if (found == kept.end() || found->second.first != rho)
        return false;
      const double      *v         = &kept_values[found->second.second];
      const unsigned int n_species = model.speciation().n_species();
      auto              &node      = nodes[a];
      node.c.assign(v, v + n_species);
      node.d_c.resize(n_species);
      for (unsigned int s = 0; s < n_species; ++s)
        node.d_c[s].assign(v + n_species + s * n_t,
                           v + n_species + (s + 1) * n_t);
      return true;
    }

    /// Keeps node @p a's speciation (the first fixed charge a node is met
    /// with; a node between regions of different charge is speciated again
    /// for the others).
    void
    remember(const dealii::types::global_dof_index key,
             const double                          rho,
             const unsigned int                    a)
    {
      if (!kept.try_emplace(key, rho, kept_values.size()).second)
        return;
      const auto &node = nodes[a];
      kept_values.insert(kept_values.end(), node.c.begin(), node.c.end());
      for (const auto &row : node.d_c)
        kept_values.insert(kept_values.end(), row.begin(), row.end());
    }

    const NernstPlanckModel<dim>                &model;
    const unsigned int                           n_nodes;
    const unsigned int                           n_t;
    std::vector<std::vector<unsigned int>>       node_dof;
    std::vector<Physics::Speciation::Point<dim>> nodes;
    std::vector<double>                          u;
    bool                                         remembering = false;
    /// First DoF of a node -> (fixed charge, offset of its c and dc/du in
    /// kept_values).
    std::unordered_map<dealii::types::global_dof_index,
                       std::pair<double, std::size_t>>
                        kept;
    std::vector<double> kept_values;
  };
} // namespace NOxFlow

#endif
