#include <solver/transport/velocity_field.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  FiniteElementVelocityField<dim>::FiniteElementVelocityField(
    const DoFHandler<dim>                 &dof_handler,
    const PETScWrappers::MPI::BlockVector &ghosted_solution)
    : dofs(dof_handler)
    , flow_solution(ghosted_solution)
  {}

  template <int dim>
  void
  FiniteElementVelocityField<dim>::values(
    const FEValuesBase<dim>     &fe_values,
    std::vector<Vector<double>> &velocity) const
  {
    const auto &tria_cell = fe_values.get_cell();
    const typename DoFHandler<dim>::active_cell_iterator cell(
      &dofs.get_triangulation(), tria_cell->level(), tria_cell->index(), &dofs);
    const FEValuesExtractors::Vector u(0);
    buffer.resize(fe_values.n_quadrature_points);

    if (const auto *face =
          dynamic_cast<const FEFaceValuesBase<dim> *>(&fe_values))
      {
        if (!face_values ||
            face_values->n_quadrature_points != face->n_quadrature_points)
          face_values =
            std::make_unique<FEFaceValues<dim>>(dofs.get_fe(),
                                                face->get_quadrature(),
                                                update_values);
        face_values->reinit(cell, face->get_face_number());
        (*face_values)[u].get_function_values(flow_solution, buffer);
      }
    else
      {
        const auto &volume = dynamic_cast<const FEValues<dim> &>(fe_values);
        if (!cell_values ||
            cell_values->n_quadrature_points != volume.n_quadrature_points)
          cell_values = std::make_unique<FEValues<dim>>(dofs.get_fe(),
                                                        volume.get_quadrature(),
                                                        update_values);
        cell_values->reinit(cell);
        (*cell_values)[u].get_function_values(flow_solution, buffer);
      }
    for (unsigned int q = 0; q < buffer.size(); ++q)
      for (unsigned int d = 0; d < dim; ++d)
        velocity[q][d] = buffer[q][d];
  }

  template class FiniteElementVelocityField<2>;
  template class FiniteElementVelocityField<3>;
} // namespace NOxFlow
