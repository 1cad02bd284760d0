#include <physics/constants.h>
#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/solid_conduction_term.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  SolidConductionTerm<dim>::acts_in(const types::material_id material) const
  {
    return model.porous_electrode_in(material) != nullptr;
  }

  template <int dim>
  void
  SolidConductionTerm<dim>::add(const CellState<dim> &state,
                                LocalSystem          &local) const
  {
    const auto        &porous = *model.porous_electrode_in(state.material);
    const unsigned int sc     = model.solid_component();
    // sigma grad phi_s / F in the scaled units of the charge row (phi_s in
    // RT/F).
    const double kappa =
      porous.solid_conductivity /
      (Physics::Constants::faraday * model.electrolyte.f_over_rt()) /
      (model.scales.concentration * model.scales.diffusivity);
    for (unsigned int q = 0; q < state.n_q; ++q)
      {
        const auto    &grad_phi = state.grad_phi[q];
        Tensor<1, dim> grad_xi;
        for (unsigned int a = 0; a < state.n_nodes; ++a)
          grad_xi += state.cell_values(state.node_dof[sc][a]) * grad_phi[a];
        for (unsigned int a = 0; a < state.n_nodes; ++a)
          {
            const unsigned int i = state.node_dof[sc][a];
            local.residual(i) += state.jxw[q] * kappa * (grad_xi * grad_phi[a]);
            if (local.with_matrix)
              for (unsigned int b = 0; b < state.n_nodes; ++b)
                local.matrix(i, state.node_dof[sc][b]) +=
                  state.jxw[q] * kappa * (grad_phi[b] * grad_phi[a]);
          }
      }
  }

  template class SolidConductionTerm<2>;
  template class SolidConductionTerm<3>;
} // namespace NOxFlow
