#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/terms/gas_liquid_exchange_term.h>
#include <solver/transport/transport_rows.h>

#include <stdexcept>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  GasLiquidExchangeTerm<dim>::acts_in(const types::material_id material) const
  {
    if (!model.gas)
      return false;
    const auto *region = model.gas->region(material);
    return region && region->exchange_coefficient > 0.;
  }

  template <int dim>
  void
  GasLiquidExchangeTerm<dim>::add(const CellState<dim> &state,
                                  LocalSystem          &local) const
  {
    // The lumped source has no SUPG part: the gas phase runs with the edge
    // fluxes only (checked on input).
    if (model.supg())
      throw std::logic_error("the gas-liquid exchange needs the edge fluxes");
    const auto  &gas    = *model.gas;
    const double c_ref  = model.scales.concentration;
    const double d_ref  = model.scales.diffusivity;
    const auto  &region = *gas.region(state.material);
    const double k      = region.exchange_coefficient;
    for (unsigned int a = 0; a < state.n_nodes; ++a)
      {
        const double lumped = state.lumped_mass[a] * model.equation_scale();
        for (unsigned int i = 0; i < gas.n_species(); ++i)
          {
            const int s = gas.dissolves_as[i];
            if (s < 0)
              continue;
            const unsigned int gi = state.node_dof[model.gas_component(i)][a];
            // d (H p x / c_ref) / d x, for the Jacobian.
            const double h      = gas.henry[i] * gas.pressure / c_ref;
            const double x      = state.cell_values(gi);
            const double c      = state.nodal.at_node(a)[s];
            const double factor = lumped * k / d_ref;
            // Rate into the liquid, in the rows' scaled units.
            const double rate = lumped / (c_ref * d_ref) *
                                gas.dissolution(i, region, x, c * c_ref);
            local.residual(gi) += rate;
            for (unsigned int r = 0; r < rows.n_rows(); ++r)
              {
                const double w = rows.weight(r, s);
                if (w != 0.)
                  local.residual(state.node_dof[r][a]) -= w * rate;
              }
            if (!local.with_matrix)
              continue;
            local.matrix(gi, gi) += factor * h;
            for (unsigned int m = 0; m < state.n_t; ++m)
              local.matrix(gi, state.node_dof[m][a]) -=
                factor * state.nodal.derivative(a, s, m);
            for (unsigned int r = 0; r < rows.n_rows(); ++r)
              {
                const double w = rows.weight(r, s);
                if (w == 0.)
                  continue;
                const unsigned int ir = state.node_dof[r][a];
                local.matrix(ir, gi) -= w * factor * h;
                for (unsigned int m = 0; m < state.n_t; ++m)
                  local.matrix(ir, state.node_dof[m][a]) +=
                    w * factor * state.nodal.derivative(a, s, m);
              }
          }
      }
  }

  template class GasLiquidExchangeTerm<2>;
  template class GasLiquidExchangeTerm<3>;
} // namespace NOxFlow
