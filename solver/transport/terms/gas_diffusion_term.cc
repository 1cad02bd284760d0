#include <deal.II/base/geometry_info.h>

#include <solver/transport/cell_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/terms/gas_diffusion_term.h>

#include <algorithm>
#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  GasDiffusionTerm<dim>::acts_in(const types::material_id material) const
  {
    return model.gas && model.gas->region(material);
  }

  template <int dim>
  void
  GasDiffusionTerm<dim>::add(const CellState<dim> &state,
                             LocalSystem          &local) const
  {
    const auto        &gas = *model.gas;
    const unsigned int n_g = gas.n_species();
    // c_g D in the scaled units of the rows (divided by c_ref D_ref).
    const double c_g = gas.molar_density() /
                       (model.scales.concentration * model.scales.diffusivity);
    const double dual_face_share = std::pow(2., dim - 1);
    double       volume          = 0.;
    for (unsigned int q = 0; q < state.n_q; ++q)
      volume += state.jxw[q];
    x_a.resize(n_g);
    x_b.resize(n_g);
    x_ab.resize(n_g);
    for (unsigned int line = 0; line < GeometryInfo<dim>::lines_per_cell;
         ++line)
      {
        const unsigned int a =
          GeometryInfo<dim>::line_to_cell_vertices(line, 0);
        const unsigned int b =
          GeometryInfo<dim>::line_to_cell_vertices(line, 1);
        const Tensor<1, dim> edge =
          state.cell->vertex(b) - state.cell->vertex(a);
        // The edge's conductance for a unit diffusivity, scaled.
        const double g = volume / (dual_face_share * edge.norm_square()) * c_g;
        for (unsigned int i = 0; i < n_g; ++i)
          {
            const unsigned int gc = model.gas_component(i);
            x_a[i]                = state.cell_values(state.node_dof[gc][a]);
            x_b[i]                = state.cell_values(state.node_dof[gc][b]);
          }
        for (unsigned int i = 0; i < n_g; ++i)
          x_ab[i] = 0.5 * (x_a[i] + x_b[i]);
        for (unsigned int i = 0; i < n_g; ++i)
          {
            const double d  = gas.diffusivity(i, state.material, x_ab, d_dx);
            const double dx = x_a[i] - x_b[i];
            const unsigned int ia   = state.node_dof[model.gas_component(i)][a];
            const unsigned int ib   = state.node_dof[model.gas_component(i)][b];
            const double       flux = g * d * dx;
            local.residual(ia) += flux;
            local.residual(ib) -= flux;
            if (!local.with_matrix)
              continue;
            local.matrix(ia, ia) += g * d;
            local.matrix(ia, ib) -= g * d;
            local.matrix(ib, ia) -= g * d;
            local.matrix(ib, ib) += g * d;
            // D depends on the edge's mean composition: half of each node's.
            for (unsigned int j = 0; j < n_g; ++j)
              {
                const double d_flux = 0.5 * g * dx * d_dx[j];
                if (d_flux == 0.)
                  continue;
                for (const unsigned int node : {a, b})
                  {
                    const unsigned int col =
                      state.node_dof[model.gas_component(j)][node];
                    local.matrix(ia, col) += d_flux;
                    local.matrix(ib, col) -= d_flux;
                  }
              }
          }
      }
  }

  template class GasDiffusionTerm<2>;
  template class GasDiffusionTerm<3>;
} // namespace NOxFlow
