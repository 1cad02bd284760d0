#include <solver/transport/face_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/boundary_source_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  bool
  BoundarySourceTerm<dim>::acts_on(const types::boundary_id) const
  {
    return model.boundary_source != nullptr;
  }

  template <int dim>
  void
  BoundarySourceTerm<dim>::add(const FaceState<dim> &state,
                               LocalSystem          &local) const
  {
    const auto &cell = state.cell;
    source.resize(state.n_q, Vector<double>(cell.n_species));
    model.boundary_source->vector_value_list(
      state.fe_face_values.get_quadrature_points(), source);
    for (unsigned int q = 0; q < state.n_q; ++q)
      for (unsigned int i = 0; i < cell.dofs_per_cell; ++i)
        {
          const unsigned int ci = cell.component[i];
          if (ci >= rows.n_rows())
            continue;
          // Production enters the domain: the weak form gets -s.
          double value = 0.;
          for (const unsigned int s : rows.species_of(ci))
            value -=
              rows.weight(ci, s) * source[q][s] / model.scales.diffusivity;
          local.residual(i) += state.jxw[q] * value * state.phi[q][i];
        }
  }

  template class BoundarySourceTerm<2>;
  template class BoundarySourceTerm<3>;
} // namespace NOxFlow
