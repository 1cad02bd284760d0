#include <solver/transport/face_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/outflow_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  OutflowTerm<dim>::acts_on(const types::boundary_id boundary) const
  {
    return model.velocity && model.concentration_dirichlet.count(boundary) == 0;
  }

  template <int dim>
  void
  OutflowTerm<dim>::add(const FaceState<dim> &state, LocalSystem &local) const
  {
    const auto        &cell = state.cell;
    const unsigned int n_t  = cell.n_t;
    for (unsigned int q = 0; q < state.n_q; ++q)
      {
        const double u_n = state.u_n[q];
        if (u_n == 0.)
          continue;
        const auto &phi = state.phi[q];
        for (unsigned int i = 0; i < cell.dofs_per_cell; ++i)
          {
            const unsigned int ci = cell.component[i];
            if (ci >= n_t)
              continue;
            // The row's amount, sum_s w_rs c_s, as the volume terms carry
            // it.
            double value = 0.;
            for (const unsigned int s : rows.species_of(ci))
              value += rows.weight(ci, s) * state.c[q][s];
            local.residual(i) += state.jxw[q] * u_n * value * phi[i];
            if (!local.with_matrix)
              continue;
            for (unsigned int j = 0; j < cell.dofs_per_cell; ++j)
              {
                const unsigned int cj = cell.component[j];
                if (cj >= n_t)
                  continue;
                double d_value = 0.;
                for (const unsigned int s : rows.species_of(ci))
                  d_value +=
                    rows.weight(ci, s) * state.d_c(q, s, cj, cell.node_of[j]);
                local.matrix(i, j) += state.jxw[q] * u_n * d_value * phi[i];
              }
          }
      }
  }

  template class OutflowTerm<2>;
  template class OutflowTerm<3>;
} // namespace NOxFlow
