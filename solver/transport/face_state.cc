#include <deal.II/base/geometry_info.h>

#include <solver/transport/face_state.h>
#include <solver/transport/nernst_planck_model.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  FaceState<dim>::FaceState(const CellState<dim> &cell_state)
    : cell(cell_state)
    , quadrature(cell_state.model.edge_fluxes ?
                   Quadrature<dim - 1>(QGaussLobatto<dim - 1>(2)) :
                   Quadrature<dim - 1>(QGauss<dim - 1>(2)))
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
    // The edge fluxes' outflow takes the cell's fitted velocity instead.
    if (model.velocity && !model.edge_fluxes)
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
        if (model.velocity && model.edge_fluxes)
          {
            // The velocity the edge fluxes carry, averaged over the node's
            // share of the face (the centre of that share in the fitted
            // field), so a uniform concentration stays a discrete solution
            // at an outlet whose wall vertices have no velocity of their
            // own.
            Point<dim> xi =
              cell.reference_point(fe_face_values.quadrature_point(q));
            for (unsigned int d = 0; d < dim; ++d)
              if (d != GeometryInfo<dim>::unit_normal_direction[face])
                xi[d] = 0.25 + 0.5 * xi[d];
            u_n[q] = cell.fitted_u(xi) * fe_face_values.normal_vector(q);
          }
        else if (model.velocity)
          for (unsigned int i = 0; i < dim; ++i)
            u_n[q] += velocity[q][i] * fe_face_values.normal_vector(q)[i] /
                      model.scales.diffusivity;
      }
  }

  template <int dim>
  void
  FaceState<dim>::interpolate_species(const unsigned int q)
  {
    cell.species_at(phi_nodes,
                    nullptr,
                    c[q],
                    nullptr,
                    &dc[q * cell.n_species * cell.n_t * cell.n_nodes],
                    nullptr);
  }

  template class FaceState<2>;
  template class FaceState<3>;
} // namespace NOxFlow
