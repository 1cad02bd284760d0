#include <deal.II/base/geometry_info.h>

#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/terms/edge_flux_term.h>
#include <solver/transport/transport_rows.h>

#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Bernoulli function B(x) = x / (e^x - 1), B(0) = 1.
    double
    bernoulli(const double x)
    {
      if (std::abs(x) < 1e-3)
        return 1. - x / 2. + x * x / 12.;
      // x e^-x / (1 - e^-x) for x > 0 does not overflow.
      return x > 0. ? x * std::exp(-x) / -std::expm1(-x) : x / std::expm1(x);
    }

    double
    bernoulli_derivative(const double x)
    {
      if (std::abs(x) < 1e-3)
        return -0.5 + x / 6. - x * x * x / 180.;
      // e^x / (e^x - 1) = 1 + B(x) / x.
      const double b = bernoulli(x);
      return b * (1. - b) / x - b;
    }
  } // namespace

  template <int dim>
  bool
  EdgeFluxTerm<dim>::acts_in(const types::material_id) const
  {
    return model.edge_fluxes;
  }

  template <int dim>
  void
  EdgeFluxTerm<dim>::add(const CellState<dim> &state, LocalSystem &local) const
  {
    const unsigned int pc = model.potential_component();
    // T_ab = |K| / (2^(dim-1) L_ab^2): the edge's share of the dual face.
    const double dual_face_share = std::pow(2., dim - 1);
    // Scaled volume of the cell.
    double volume = 0.;
    for (unsigned int q = 0; q < state.n_q; ++q)
      volume += state.jxw[q];
    for (unsigned int line = 0; line < GeometryInfo<dim>::lines_per_cell;
         ++line)
      {
        // Q1: node a is vertex a.
        const unsigned int a =
          GeometryInfo<dim>::line_to_cell_vertices(line, 0);
        const unsigned int b =
          GeometryInfo<dim>::line_to_cell_vertices(line, 1);
        const Tensor<1, dim> edge =
          state.cell->vertex(b) - state.cell->vertex(a);
        // The velocity at the centre of the edge's share of the cell: the
        // mean over its dual face.
        Point<dim> xi;
        for (unsigned int d = 0; d < dim; ++d)
          xi[d] = 0.25 + 0.25 * (GeometryInfo<dim>::unit_cell_vertex(a)[d] +
                                 GeometryInfo<dim>::unit_cell_vertex(b)[d]);
        const Tensor<1, dim> u = state.fitted_u(xi);
        const double t_ab  = volume / (dual_face_share * edge.norm_square());
        const double psi_a = state.cell_values(state.node_dof[pc][a]);
        const double psi_b = state.cell_values(state.node_dof[pc][b]);
        const auto  &c_a   = state.nodal.at_node(a);
        const auto  &c_b   = state.nodal.at_node(b);
        for (unsigned int r = 0; r < rows.n_rows(); ++r)
          {
            const bool         advected = r < state.n_t;
            const unsigned int ia       = state.node_dof[r][a];
            const unsigned int ib       = state.node_dof[r][b];
            for (const unsigned int s : rows.species_of(r))
              {
                const double w = rows.weight(r, s) * t_ab * state.d_eff[s];
                const double delta =
                  state.z_drift[s] * (psi_b - psi_a) -
                  (advected ? (u * edge) / state.d_eff[s] : 0.);
                const double b_plus  = bernoulli(delta);
                const double b_minus = bernoulli(-delta);
                const double flux    = w * (b_plus * c_a[s] - b_minus * c_b[s]);
                local.residual(ia) += flux;
                local.residual(ib) -= flux;
                if (!local.with_matrix)
                  continue;
                // d flux / d psi_b = -d flux / d psi_a.
                const double d_psi = w * state.z_drift[s] *
                                     (bernoulli_derivative(delta) * c_a[s] +
                                      bernoulli_derivative(-delta) * c_b[s]);
                const unsigned int pa = state.node_dof[pc][a];
                const unsigned int pb = state.node_dof[pc][b];
                local.matrix(ia, pb) += d_psi;
                local.matrix(ia, pa) -= d_psi;
                local.matrix(ib, pb) -= d_psi;
                local.matrix(ib, pa) += d_psi;
                for (unsigned int m = 0; m < state.n_t; ++m)
                  {
                    const double d_a =
                      w * b_plus * state.nodal.derivative(a, s, m);
                    const double d_b =
                      -w * b_minus * state.nodal.derivative(b, s, m);
                    const unsigned int ma = state.node_dof[m][a];
                    const unsigned int mb = state.node_dof[m][b];
                    local.matrix(ia, ma) += d_a;
                    local.matrix(ia, mb) += d_b;
                    local.matrix(ib, ma) -= d_a;
                    local.matrix(ib, mb) -= d_b;
                  }
              }
          }
      }
  }

  template class EdgeFluxTerm<2>;
  template class EdgeFluxTerm<3>;
} // namespace NOxFlow
