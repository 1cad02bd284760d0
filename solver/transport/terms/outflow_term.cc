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
    // Per point, only the DoFs whose shape function is nonzero there take
    // part (with the vertex rule of the edge fluxes, one node's); each row's
    // amount and its derivatives are formed once per point, not once per
    // pair of DoFs. A computed flow's fitted velocity is not exactly
    // tangential on walls, so this runs on every wall face: it was 41 % of
    // the 3D zero-gap cell's assembly.
    std::vector<unsigned int> active;
    std::vector<double>       amount(n_t);
    std::vector<double>       d_amount;
    for (unsigned int q = 0; q < state.n_q; ++q)
      {
        const double u_n = state.u_n[q];
        if (u_n == 0.)
          continue;
        const auto &phi = state.phi[q];
        active.clear();
        for (unsigned int i = 0; i < cell.dofs_per_cell; ++i)
          if (cell.component[i] < n_t && phi[i] != 0.)
            active.push_back(i);
        // The row's amount, sum_s w_rs c_s, as the volume terms carry it.
        for (unsigned int r = 0; r < n_t; ++r)
          {
            amount[r] = 0.;
            for (const unsigned int s : rows.species_of(r))
              amount[r] += rows.weight(r, s) * state.c[q][s];
          }
        for (const unsigned int i : active)
          local.residual(i) +=
            state.jxw[q] * u_n * amount[cell.component[i]] * phi[i];
        if (!local.with_matrix)
          continue;
        const unsigned int n_active = active.size();
        d_amount.assign(n_t * n_active, 0.);
        for (unsigned int r = 0; r < n_t; ++r)
          for (unsigned int k = 0; k < n_active; ++k)
            {
              const unsigned int j = active[k];
              for (const unsigned int s : rows.species_of(r))
                d_amount[r * n_active + k] +=
                  rows.weight(r, s) *
                  state.d_c(q, s, cell.component[j], cell.node_of[j]);
            }
        for (const unsigned int i : active)
          {
            const double *d_row = &d_amount[cell.component[i] * n_active];
            for (unsigned int k = 0; k < n_active; ++k)
              local.matrix(i, active[k]) +=
                state.jxw[q] * u_n * d_row[k] * phi[i];
          }
      }
  }

  template class OutflowTerm<2>;
  template class OutflowTerm<3>;
} // namespace NOxFlow
