#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/terms/gas_volume_source_term.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  GasVolumeSourceTerm<dim>::acts_in(const types::material_id material) const
  {
    return model.gas && model.gas_volume_source && model.gas->region(material);
  }

  template <int dim>
  void
  GasVolumeSourceTerm<dim>::add(const CellState<dim> &state,
                                LocalSystem          &local) const
  {
    const unsigned int n_g = model.n_gas_species();
    source.resize(state.n_q, Vector<double>(n_g));
    model.gas_volume_source->vector_value_list(
      state.fe_values.get_quadrature_points(), source);
    const double unit = model.scales.concentration * model.scales.diffusivity;
    for (unsigned int q = 0; q < state.n_q; ++q)
      for (unsigned int i = 0; i < n_g; ++i)
        for (unsigned int a = 0; a < state.n_nodes; ++a)
          local.residual(state.node_dof[model.gas_component(i)][a]) -=
            state.jxw[q] * source[q][i] / unit * state.phi[q][a];
  }

  template class GasVolumeSourceTerm<2>;
  template class GasVolumeSourceTerm<3>;
} // namespace NOxFlow
