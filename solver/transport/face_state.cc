#include <solver/transport/face_state.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  FaceState<dim>::FaceState(const CellState<dim> &cell_state)
    : cell(cell_state)
    , quadrature(2)
    , n_q(quadrature.size())
    , fe_face_values(cell_state.fe,
                     quadrature,
                     update_values | update_quadrature_points |
                       update_normal_vectors | update_JxW_values)
    , jxw_si(n_q)
    , jxw(n_q)
    , phi(n_q, std::vector<double>(cell_state.dofs_per_cell))
    , values(n_q, Vector<double>(cell_state.fe.n_components()))
    , c(n_q, std::vector<double>(cell_state.n_species))
    , u_n(n_q)
    , phi_nodes(cell_state.n_nodes)
    , velocity(n_q, Vector<double>(dim))
    , dc(n_q * cell_state.n_species * cell_state.n_t * cell_state.n_nodes)
  {}

  template <int dim>
  void
  FaceState<dim>::reinit(const unsigned int face)
  {
    const auto &model = cell.model;
    fe_face_values.reinit(cell.cell, face);
    boundary_id = cell.cell->face(face)->boundary_id();
    if (model.velocity)
      model.velocity->values(fe_face_values, velocity);
    for (unsigned int q = 0; q < n_q; ++q)
      {
        jxw_si[q] = fe_face_values.JxW(q);
        jxw[q]    = jxw_si[q] * model.equation_scale();
        values[q] = 0.;
        for (unsigned int i = 0; i < cell.dofs_per_cell; ++i)
          {
            phi[q][i] = fe_face_values.shape_value(i, q);
            values[q][cell.component[i]] += cell.cell_values(i) * phi[q][i];
          }
        for (unsigned int a = 0; a < cell.n_nodes; ++a)
          phi_nodes[a] = phi[q][cell.node_dof[0][a]];
        interpolate_species(q);
        u_n[q] = 0.;
        if (model.velocity)
          for (unsigned int i = 0; i < dim; ++i)
            u_n[q] += velocity[q][i] * fe_face_values.normal_vector(q)[i] /
                      model.scales.diffusivity;
      }
  }

  template <int dim>
  void
  FaceState<dim>::interpolate_species(const unsigned int q)
  {
    const unsigned int n_s   = cell.n_species;
    const unsigned int n_t   = cell.n_t;
    const unsigned int n_nod = cell.n_nodes;
    const auto         at    = [&](const unsigned int s,
                        const unsigned int m,
                        const unsigned int b) -> double            &{
      return dc[((q * n_s + s) * n_t + m) * n_nod + b];
    };
    const auto &nodal = cell.nodal;
    if (!cell.model.logarithmic_species)
      {
        nodal.interpolate(phi_nodes, c[q]);
        for (unsigned int s = 0; s < n_s; ++s)
          for (unsigned int m = 0; m < n_t; ++m)
            for (unsigned int b = 0; b < n_nod; ++b)
              at(s, m, b) = phi_nodes[b] * nodal.derivative(b, s, m);
        return;
      }
    // As CellState: c = exp(sum_a phi_a ln c_a), the electroneutrality
    // species from the others.
    const unsigned int e   = cell.model.electrolyte.eliminated_species();
    double             rho = cell.model.region(cell.material).fixed_charge /
                 cell.model.scales.concentration;
    for (unsigned int s = 0; s < n_s; ++s)
      {
        if (s == e)
          continue;
        double w = 0.;
        for (unsigned int a = 0; a < n_nod; ++a)
          w += phi_nodes[a] * std::log(std::max(nodal.at_node(a)[s], 1e-300));
        c[q][s] = std::exp(w);
        rho += cell.z[s] * c[q][s];
        for (unsigned int m = 0; m < n_t; ++m)
          for (unsigned int b = 0; b < n_nod; ++b)
            at(s, m, b) = c[q][s] * phi_nodes[b] * nodal.derivative(b, s, m) /
                          std::max(nodal.at_node(b)[s], 1e-300);
      }
    c[q][e] = -rho / cell.z[e];
    for (unsigned int m = 0; m < n_t; ++m)
      for (unsigned int b = 0; b < n_nod; ++b)
        {
          double d = 0.;
          for (unsigned int s = 0; s < n_s; ++s)
            if (s != e)
              d += cell.z[s] * at(s, m, b);
          at(e, m, b) = -d / cell.z[e];
        }
  }

  template class FaceState<2>;
  template class FaceState<3>;
} // namespace NOxFlow
