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
    , z_drift(n_species)
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
    , dc(n_q * n_species * n_t * n_nodes)
    , dgc(dc.size())
    , log_c(n_nodes, std::vector<double>(n_species))
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
        z[s]       = model.electrolyte[s].charge;
        z_drift[s] = z[s] * model.electrolyte.migration_factor();
        d[s] = model.electrolyte[s].diffusivity / model.scales.diffusivity;
      }
  }

  template <int dim>
  void
  CellState<dim>::reinit(const cell_iterator              &new_cell,
                         const PETScWrappers::MPI::Vector &solution,
                         const bool                        point_species)
  {
    cell     = new_cell;
    material = cell->material_id();
    fe_values.reinit(cell);
    cell->get_dof_indices(dof_indices);
    cell->get_dof_values(solution, cell_values);
    nodal.reinit(cell_values, material, dof_indices);
    const double factor = model.region(material).diffusivity_factor;
    for (unsigned int s = 0; s < n_species; ++s)
      d_eff[s] = d[s] * factor;
    if (model.velocity)
      model.velocity->values(fe_values, velocity);

    const unsigned int pc    = model.potential_component();
    const double       d_ref = model.scales.diffusivity;
    std::fill(lumped_mass.begin(), lumped_mass.end(), 0.);
    if (model.logarithmic_species)
      for (unsigned int a = 0; a < n_nodes; ++a)
        for (unsigned int s = 0; s < n_species; ++s)
          log_c[a][s] = std::log(std::max(nodal.at_node(a)[s], 1e-300));
    for (unsigned int q = 0; q < n_q; ++q)
      {
        jxw_si[q] = fe_values.JxW(q);
        jxw[q]    = jxw_si[q] * model.equation_scale();
        for (unsigned int i = 0; i < dim; ++i)
          u[q][i] = model.velocity ? velocity[q][i] / d_ref : 0.;
        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            phi[q][a]        = fe_values.shape_value(node_dof[0][a], q);
            grad_phi[q][a]   = fe_values.shape_grad(node_dof[0][a], q);
            u_grad_phi[q][a] = u[q] * grad_phi[q][a];
            lumped_mass[a] += jxw_si[q] * phi[q][a];
          }
        if (!point_species)
          continue;
        psi[q]      = 0.;
        grad_psi[q] = Tensor<1, dim>();
        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            psi[q] += cell_values(node_dof[pc][a]) * phi[q][a];
            grad_psi[q] += cell_values(node_dof[pc][a]) * grad_phi[q][a];
          }
        interpolate_species(q);

        // Element length along the flow (Tezduyar).
        const double speed = u[q].norm();
        double       h     = 0.;
        if (model.supg() && speed > 0.)
          {
            double sum = 0.;
            for (unsigned int a = 0; a < n_nodes; ++a)
              sum += std::abs(u_grad_phi[q][a]);
            h = sum > 0. ? 2. * speed / sum : 0.;
          }
        for (unsigned int s = 0; s < n_species; ++s)
          tau[q][s] = model.supg() ? supg_tau(speed, h, d_eff[s]) : 0.;
      }
  }

  template <int dim>
  Tensor<1, dim>
  CellState<dim>::fitted_u(const Point<dim> &xi) const
  {
    Assert(n_q == GeometryInfo<dim>::vertices_per_cell,
           ExcMessage("the fit needs the 2-point Gauss rule"));
    // The 1D Gauss points are 1/2 -+ 1/(2 sqrt 3); the linear function
    // through values at them has weights 1/2 -+ sqrt(3) (xi - 1/2). QGauss
    // orders its points lexicographically, x fastest.
    const double   slope = std::sqrt(3.);
    Tensor<1, dim> result;
    for (unsigned int q = 0; q < n_q; ++q)
      {
        double weight = 1.;
        for (unsigned int d = 0; d < dim; ++d)
          weight *= 0.5 + ((q >> d) & 1u ? 1. : -1.) * slope * (xi[d] - 0.5);
        result += weight * u[q];
      }
    return result;
  }

  template <int dim>
  Point<dim>
  CellState<dim>::reference_point(const Point<dim> &x) const
  {
    Point<dim> xi;
    for (unsigned int d = 0; d < dim; ++d)
      {
        const Tensor<1, dim> edge = cell->vertex(1u << d) - cell->vertex(0);
        xi[d] = (x - cell->vertex(0)) * edge / edge.norm_square();
      }
    return xi;
  }

  template <int dim>
  void
  CellState<dim>::interpolate_species(const unsigned int q)
  {
    // Only the Galerkin flux and SUPG differentiate the gradient; with
    // edge fluxes that third of the work is skipped.
    species_at(phi[q],
               &grad_phi[q],
               c[q],
               &grad_c[q],
               &dc[index(q, 0, 0, 0)],
               model.edge_fluxes ? nullptr : &dgc[index(q, 0, 0, 0)]);
  }

  template <int dim>
  void
  CellState<dim>::species_at(const std::vector<double>         &phi_x,
                             const std::vector<Tensor<1, dim>> *grad_phi_x,
                             std::vector<double>               &c_x,
                             std::vector<Tensor<1, dim>>       *grad_c_x,
                             double                            *d_c_x,
                             Tensor<1, dim> *d_grad_c_x) const
  {
    const auto at =
      [&](const unsigned int s, const unsigned int m, const unsigned int b) {
        return (s * n_t + m) * n_nodes + b;
      };
    if (!model.logarithmic_species)
      {
        // c = sum_a c_a phi_a: every species, the electroneutrality one
        // included, is Q1 in its nodal values.
        nodal.interpolate(phi_x, c_x);
        for (unsigned int s = 0; s < n_species; ++s)
          {
            if (grad_c_x)
              {
                (*grad_c_x)[s] = Tensor<1, dim>();
                for (unsigned int a = 0; a < n_nodes; ++a)
                  (*grad_c_x)[s] += nodal.at_node(a)[s] * (*grad_phi_x)[a];
              }
            for (unsigned int m = 0; m < n_t; ++m)
              for (unsigned int b = 0; b < n_nodes; ++b)
                {
                  const double jac   = nodal.derivative(b, s, m);
                  d_c_x[at(s, m, b)] = phi_x[b] * jac;
                  if (d_grad_c_x)
                    d_grad_c_x[at(s, m, b)] = (*grad_phi_x)[b] * jac;
                }
          }
        return;
      }
    // c = exp(sum_a phi_a ln c_a), grad c = c grad(ln c); the
    // electroneutrality species from the others at the point.
    const unsigned int e   = model.electrolyte.eliminated_species();
    const double       z_e = z[e];
    double             rho =
      model.region(material).fixed_charge / model.scales.concentration;
    Tensor<1, dim> grad_rho;
    for (unsigned int s = 0; s < n_species; ++s)
      {
        if (s == e)
          continue;
        double         w = 0.;
        Tensor<1, dim> grad_w;
        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            w += phi_x[a] * log_c[a][s];
            if (grad_phi_x)
              grad_w += (*grad_phi_x)[a] * log_c[a][s];
          }
        c_x[s] = std::exp(w);
        rho += z[s] * c_x[s];
        if (grad_c_x)
          {
            (*grad_c_x)[s] = c_x[s] * grad_w;
            grad_rho += z[s] * (*grad_c_x)[s];
          }
        for (unsigned int m = 0; m < n_t; ++m)
          for (unsigned int b = 0; b < n_nodes; ++b)
            {
              // d ln c_b / d u_m at node b.
              const double g =
                nodal.derivative(b, s, m) / std::exp(log_c[b][s]);
              d_c_x[at(s, m, b)] = c_x[s] * phi_x[b] * g;
              if (d_grad_c_x)
                d_grad_c_x[at(s, m, b)] =
                  g * (c_x[s] * (*grad_phi_x)[b] + phi_x[b] * (*grad_c_x)[s]);
            }
      }
    c_x[e] = -rho / z_e;
    if (grad_c_x)
      (*grad_c_x)[e] = -grad_rho / z_e;
    for (unsigned int m = 0; m < n_t; ++m)
      for (unsigned int b = 0; b < n_nodes; ++b)
        {
          double         d = 0.;
          Tensor<1, dim> g;
          for (unsigned int s = 0; s < n_species; ++s)
            if (s != e)
              {
                d += z[s] * d_c_x[at(s, m, b)];
                if (d_grad_c_x)
                  g += z[s] * d_grad_c_x[at(s, m, b)];
              }
          d_c_x[at(e, m, b)] = -d / z_e;
          if (d_grad_c_x)
            d_grad_c_x[at(e, m, b)] = -g / z_e;
        }
  }

  template class CellState<2>;
  template class CellState<3>;
} // namespace NOxFlow
