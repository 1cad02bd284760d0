#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/species_flux.h>
#include <solver/transport/terms/species_flux_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  SpeciesFluxTerm<dim>::acts_in(const types::material_id) const
  {
    return !model.edge_fluxes;
  }

  template <int dim>
  void
  SpeciesFluxTerm<dim>::add(const CellState<dim> &state,
                            LocalSystem          &local) const
  {
    const unsigned int n_t     = state.n_t;
    const unsigned int n_nodes = state.n_nodes;
    const unsigned int pc      = model.potential_component();
    if (coef.size() != n_t || (n_t > 0 && coef[0].size() != n_nodes))
      coef.assign(n_t, std::vector<Tensor<1, dim>>(n_nodes));
    for (unsigned int q = 0; q < state.n_q; ++q)
      {
        const auto  &grad_phi = state.grad_phi[q];
        const double jxw      = state.jxw[q];
        for (unsigned int r = 0; r < rows.n_rows(); ++r)
          {
            const bool     advected = r < n_t;
            Tensor<1, dim> row_flux;
            double         coef_p = 0.;
            for (auto &row : coef)
              for (auto &v : row)
                v = Tensor<1, dim>();
            for (const unsigned int s : rows.species_of(r))
              {
                const double w    = rows.weight(r, s);
                const double c    = state.c[q][s];
                const double d    = state.d_eff[s];
                const double z    = state.z_drift[s];
                const auto   flux = diffusion_migration_flux(
                  d, z, c, state.grad_c[q][s], state.grad_psi[q]);
                row_flux += w * (advected ? flux - state.u[q] * c : flux);
                coef_p += w * d * z * c;
                const Tensor<1, dim> along =
                  d * z * state.grad_psi[q] -
                  (advected ? state.u[q] : Tensor<1, dim>());
                for (unsigned int m = 0; m < n_t; ++m)
                  for (unsigned int b = 0; b < n_nodes; ++b)
                    {
                      const double dc = state.d_c(q, s, m, b);
                      if (dc != 0.)
                        coef[m][b] +=
                          w * (d * state.d_grad_c(q, s, m, b) + dc * along);
                    }
              }
            for (unsigned int a = 0; a < n_nodes; ++a)
              {
                const unsigned int i = state.node_dof[r][a];
                local.residual(i) += jxw * (row_flux * grad_phi[a]);
                if (!local.with_matrix)
                  continue;
                for (unsigned int b = 0; b < n_nodes; ++b)
                  {
                    for (unsigned int m = 0; m < n_t; ++m)
                      local.matrix(i, state.node_dof[m][b]) +=
                        jxw * (coef[m][b] * grad_phi[a]);
                    local.matrix(i, state.node_dof[pc][b]) +=
                      jxw * coef_p * (grad_phi[a] * grad_phi[b]);
                  }
              }
          }
      }
  }

  template class SpeciesFluxTerm<2>;
  template class SpeciesFluxTerm<3>;
} // namespace NOxFlow
