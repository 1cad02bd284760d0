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
    /// The Bernoulli function B(x) = x / (e^x - 1) at +x and -x, and its
    /// derivative there, from one exponential: B(-x) = B(x) + x and
    /// B'(-x) = -B'(x) - 1. The small values come from the positive side
    /// (B(|x|) ~ |x| e^-|x|), so neither loses digits to cancellation.
    struct BernoulliPair
    {
      double plus, minus, d_plus, d_minus;
    };

    BernoulliPair
    bernoulli_pair(const double x)
    {
      const double t = std::abs(x);
      double       b, d; // B(t), B'(t)
      if (t < 1e-3)
        {
          b = 1. - t / 2. + t * t / 12.;
          d = -0.5 + t / 6. - t * t * t / 180.;
        }
      else
        {
          // t e^-t / (1 - e^-t) does not overflow; e^t / (e^t - 1) =
          // 1 + B(t) / t gives B'(t) = B(t) (1 - B(t)) / t - B(t). One
          // exponential: below t = 1, 1 - e^-t from expm1 and e^-t from
          // it (no cancellation, e^-t > 0.36); above, e^-t itself.
          if (t < 1.)
            {
              const double m = -std::expm1(-t);
              b              = t * (1. - m) / m;
            }
          else
            {
              const double e = std::exp(-t);
              b              = t * e / (1. - e);
            }
          d = b * (1. - b) / t - b;
        }
      const double b_negative = b + t, d_negative = -d - 1.;
      if (x >= 0.)
        return {b, b_negative, d, d_negative};
      return {b_negative, b, d_negative, d};
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
                const BernoulliPair bp = bernoulli_pair(delta);
                const double flux = w * (bp.plus * c_a[s] - bp.minus * c_b[s]);
                local.residual(ia) += flux;
                local.residual(ib) -= flux;
                if (!local.with_matrix)
                  continue;
                // d flux / d psi_b = -d flux / d psi_a.
                const double d_psi = w * state.z_drift[s] *
                                     (bp.d_plus * c_a[s] + bp.d_minus * c_b[s]);
                const unsigned int pa = state.node_dof[pc][a];
                const unsigned int pb = state.node_dof[pc][b];
                local.matrix(ia, pb) += d_psi;
                local.matrix(ia, pa) -= d_psi;
                local.matrix(ib, pb) -= d_psi;
                local.matrix(ib, pa) += d_psi;
                for (unsigned int m = 0; m < state.n_t; ++m)
                  {
                    const double d_a =
                      w * bp.plus * state.nodal.derivative(a, s, m);
                    const double d_b =
                      -w * bp.minus * state.nodal.derivative(b, s, m);
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
