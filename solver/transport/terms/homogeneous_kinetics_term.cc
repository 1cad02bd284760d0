#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/homogeneous_kinetics_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  HomogeneousKineticsTerm<dim>::acts_in(const types::material_id) const
  {
    return !model.volume_reactions.empty();
  }

  template <int dim>
  void
  HomogeneousKineticsTerm<dim>::add(const CellState<dim> &state,
                                    LocalSystem          &local) const
  {
    const double c_ref = model.scales.concentration;
    const double d_ref = model.scales.diffusivity;
    c_si.resize(state.n_species);
    d_rate.resize(state.n_species);
    for (unsigned int a = 0; a < state.n_nodes; ++a)
      {
        const double lumped = state.lumped_mass[a] * model.equation_scale();
        for (unsigned int s = 0; s < state.n_species; ++s)
          c_si[s] = state.nodal.at_node(a)[s] * c_ref;
        for (unsigned int k = 0; k < model.volume_reactions.size(); ++k)
          {
            const double rate_si = model.volume_reactions[k].rate(c_si, d_rate);
            for (unsigned int r = 0; r < rows.n_rows(); ++r)
              {
                const double w_nu = rows.reaction_weight(r, k);
                if (w_nu == 0.)
                  continue;
                const unsigned int i = state.node_dof[r][a];
                local.residual(i) -= lumped * w_nu * rate_si / (c_ref * d_ref);
                if (!local.with_matrix)
                  continue;
                for (unsigned int m = 0; m < state.n_t; ++m)
                  {
                    double d_rate_d_u = 0.;
                    for (unsigned int s = 0; s < state.n_species; ++s)
                      d_rate_d_u += d_rate[s] * state.nodal.derivative(a, s, m);
                    local.matrix(i, state.node_dof[m][a]) -=
                      lumped * w_nu * d_rate_d_u / d_ref;
                  }
              }
          }
      }
  }

  template class HomogeneousKineticsTerm<2>;
  template class HomogeneousKineticsTerm<3>;
} // namespace NOxFlow
