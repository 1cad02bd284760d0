#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/volume_source_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  VolumeSourceTerm<dim>::acts_in(const types::material_id) const
  {
    return model.volume_source != nullptr;
  }

  template <int dim>
  void
  VolumeSourceTerm<dim>::add(const CellState<dim> &state,
                             LocalSystem          &local) const
  {
    source.resize(state.n_q, Vector<double>(state.n_species));
    model.volume_source->vector_value_list(
      state.fe_values.get_quadrature_points(), source);
    const double d_ref = model.scales.diffusivity;
    for (unsigned int q = 0; q < state.n_q; ++q)
      for (unsigned int r = 0; r < rows.n_rows(); ++r)
        {
          const bool advected = r < state.n_t;
          double     galerkin = 0., supg = 0.;
          for (const unsigned int s : rows.species_of(r))
            {
              const double f = rows.weight(r, s) * source[q][s] / d_ref;
              galerkin += f;
              if (advected)
                supg += f * state.tau[q][s];
            }
          for (unsigned int a = 0; a < state.n_nodes; ++a)
            local.residual(state.node_dof[r][a]) -=
              state.jxw[q] *
              (galerkin * state.phi[q][a] + supg * state.u_grad_phi[q][a]);
        }
  }

  template class VolumeSourceTerm<2>;
  template class VolumeSourceTerm<3>;
} // namespace NOxFlow
