#include <solver/transport/cell_state.h>

#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// SUPG parameter for linear elements (Brooks-Hughes), scaled units.
    double
    supg_tau(const double speed, const double h, const double diffusivity)
    {
      if (speed < 1e-300)
        return 0.;
      const double peclet = speed * h / (2. * diffusivity);
      const double xi =
        peclet > 20. ?
          1. - 1. / peclet :
          (peclet < 1e-6 ? peclet / 3. : 1. / std::tanh(peclet) - 1. / peclet);
      return h / (2. * speed) * xi;
    }
  } // namespace

  template <int dim>
  CellState<dim>::CellState(const NernstPlanckModel<dim> &model,
                            const FiniteElement<dim>     &fe)
    : model(model)
    , fe(fe)
    , quadrature(2)
    , n_species(model.electrolyte.n_species())
    , n_t(model.speciation().n_transported())
    , n_nodes(fe.base_element(0).n_dofs_per_cell())
    , n_q(quadrature.size())
    , dofs_per_cell(fe.n_dofs_per_cell())
    , component(dofs_per_cell)
    , node_of(dofs_per_cell)
    , node_dof(fe.n_components(), std::vector<unsigned int>(n_nodes))
    , z(n_species)
    , d(n_species)
    , fe_values(fe,
                quadrature,
                update_values | update_gradients | update_quadrature_points |
                  update_JxW_values)
    , cell_values(dofs_per_cell)
    , dof_indices(dofs_per_cell)
    , nodal(model, fe)
    , d_eff(n_species)
    , lumped_mass(n_nodes)
    , jxw_si(n_q)
    , jxw(n_q)
    , phi(n_q, std::vector<double>(n_nodes))
    , u_grad_phi(n_q, std::vector<double>(n_nodes))
    , grad_phi(n_q, std::vector<Tensor<1, dim>>(n_nodes))
    , u(n_q)
    , c(n_q, std::vector<double>(n_species))
    , grad_c(n_q, std::vector<Tensor<1, dim>>(n_species))
    , psi(n_q)
    , grad_psi(n_q)
    , tau(n_q, std::vector<double>(n_species, 0.))
    , velocity(n_q, Vector<double>(dim))
  {
    for (unsigned int i = 0; i < dofs_per_cell; ++i)
      {
        component[i] = fe.system_to_component_index(i).first;
        node_of[i]   = fe.system_to_component_index(i).second;
      }
    for (unsigned int k = 0; k < fe.n_components(); ++k)
      for (unsigned int a = 0; a < n_nodes; ++a)
        node_dof[k][a] = fe.component_to_system_index(k, a);
    for (unsigned int s = 0; s < n_species; ++s)
      {
        z[s] = model.electrolyte[s].charge;
        d[s] = model.electrolyte[s].diffusivity / model.scales.diffusivity;
      }
  }

  template <int dim>
  void
  CellState<dim>::reinit(const cell_iterator              &new_cell,
                         const PETScWrappers::MPI::Vector &solution)
  {
    cell     = new_cell;
    material = cell->material_id();
    fe_values.reinit(cell);
    cell->get_dof_indices(dof_indices);
    cell->get_dof_values(solution, cell_values);
    nodal.reinit(cell_values, material);
    const double factor = model.region(material).diffusivity_factor;
    for (unsigned int s = 0; s < n_species; ++s)
      d_eff[s] = d[s] * factor;
    if (model.velocity)
      model.velocity->values(fe_values, velocity);

    const unsigned int pc    = model.potential_component();
    const double       d_ref = model.scales.diffusivity;
    std::fill(lumped_mass.begin(), lumped_mass.end(), 0.);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        jxw_si[q] = fe_values.JxW(q);
        jxw[q]    = jxw_si[q] * model.equation_scale();
        for (unsigned int i = 0; i < dim; ++i)
          u[q][i] = model.velocity ? velocity[q][i] / d_ref : 0.;
        psi[q]      = 0.;
        grad_psi[q] = Tensor<1, dim>();
        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            phi[q][a]        = fe_values.shape_value(node_dof[0][a], q);
            grad_phi[q][a]   = fe_values.shape_grad(node_dof[0][a], q);
            u_grad_phi[q][a] = u[q] * grad_phi[q][a];
            psi[q] += cell_values(node_dof[pc][a]) * phi[q][a];
            grad_psi[q] += cell_values(node_dof[pc][a]) * grad_phi[q][a];
            lumped_mass[a] += jxw_si[q] * phi[q][a];
          }
        nodal.interpolate(phi[q], c[q]);
        for (unsigned int s = 0; s < n_species; ++s)
          {
            grad_c[q][s] = Tensor<1, dim>();
            for (unsigned int a = 0; a < n_nodes; ++a)
              grad_c[q][s] += nodal.at_node(a)[s] * grad_phi[q][a];
          }

        // Element length along the flow (Tezduyar).
        const double speed = u[q].norm();
        double       h     = 0.;
        if (model.stabilization && speed > 0.)
          {
            double sum = 0.;
            for (unsigned int a = 0; a < n_nodes; ++a)
              sum += std::abs(u_grad_phi[q][a]);
            h = sum > 0. ? 2. * speed / sum : 0.;
          }
        for (unsigned int s = 0; s < n_species; ++s)
          tau[q][s] = model.stabilization ? supg_tau(speed, h, d_eff[s]) : 0.;
      }
  }

  template class CellState<2>;
  template class CellState<3>;
} // namespace NOxFlow
