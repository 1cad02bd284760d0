#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/supg_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  SupgTerm<dim>::acts_in(const types::material_id) const
  {
    return model.supg() && model.velocity;
  }

  template <int dim>
  void
  SupgTerm<dim>::add(const CellState<dim> &state, LocalSystem &local) const
  {
    const unsigned int n_t     = state.n_t;
    const unsigned int n_nodes = state.n_nodes;
    const unsigned int pc      = model.potential_component();
    if (coef_s.size() != n_t || (n_t > 0 && coef_s[0].size() != n_nodes))
      coef_s.assign(n_t, std::vector<double>(n_nodes));
    for (unsigned int q = 0; q < state.n_q; ++q)
      {
        const auto  &grad_phi   = state.grad_phi[q];
        const auto  &u_grad_phi = state.u_grad_phi[q];
        const double jxw        = state.jxw[q];
        for (unsigned int r = 0; r < n_t; ++r)
          {
            double         row_supg = 0.;
            Tensor<1, dim> coef_q;
            for (auto &row : coef_s)
              std::fill(row.begin(), row.end(), 0.);
            for (const unsigned int s : rows.species_of(r))
              {
                const double         w   = rows.weight(r, s);
                const double         tau = state.tau[q][s];
                const double         d   = state.d_eff[s];
                const double         z   = state.z_drift[s];
                const Tensor<1, dim> drift =
                  state.u[q] - z * d * state.grad_psi[q];
                row_supg += w * tau * (drift * state.grad_c[q][s]);
                coef_q -= w * tau * z * d * state.grad_c[q][s];
                for (unsigned int m = 0; m < n_t; ++m)
                  for (unsigned int b = 0; b < n_nodes; ++b)
                    coef_s[m][b] +=
                      w * tau * (drift * state.d_grad_c(q, s, m, b));
              }
            for (unsigned int a = 0; a < n_nodes; ++a)
              {
                const unsigned int i = state.node_dof[r][a];
                local.residual(i) += jxw * row_supg * u_grad_phi[a];
                if (!local.with_matrix)
                  continue;
                for (unsigned int b = 0; b < n_nodes; ++b)
                  {
                    for (unsigned int m = 0; m < n_t; ++m)
                      local.matrix(i, state.node_dof[m][b]) +=
                        jxw * u_grad_phi[a] * coef_s[m][b];
                    local.matrix(i, state.node_dof[pc][b]) +=
                      jxw * u_grad_phi[a] * (coef_q * grad_phi[b]);
                  }
              }
          }
      }
  }

  template class SupgTerm<2>;
  template class SupgTerm<3>;
} // namespace NOxFlow
