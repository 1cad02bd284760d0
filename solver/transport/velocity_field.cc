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
    , mesh_change(
        dof_handler.get_triangulation().signals.any_change.connect([this]() {
          cell_cache.clear();
          face_cache.clear();
        }))
  {}

  template <int dim>
  FiniteElementVelocityField<dim>::~FiniteElementVelocityField()
  {
    mesh_change.disconnect();
  }

  template <int dim>
  void
  FiniteElementVelocityField<dim>::values(
    const FEValuesBase<dim>     &fe_values,
    std::vector<Vector<double>> &velocity) const
  {
    const auto *face = dynamic_cast<const FEFaceValuesBase<dim> *>(&fe_values);
    prepare_evaluator(fe_values);
    const unsigned int n_all = dofs.get_triangulation().n_active_cells();
    const unsigned int index = fe_values.get_cell()->active_cell_index();
    auto              &cache = face ? face_cache : cell_cache;
    cache.resize(face ? n_all * GeometryInfo<dim>::faces_per_cell : n_all);
    auto &kept = cache[face ? index * GeometryInfo<dim>::faces_per_cell +
                                face->get_face_number() :
                              index];
    if (kept.empty())
      evaluate(fe_values, kept);
    for (unsigned int q = 0; q < kept.size(); ++q)
      for (unsigned int d = 0; d < dim; ++d)
        velocity[q][d] = kept[q][d];
  }

  template <int dim>
  void
  FiniteElementVelocityField<dim>::prepare_evaluator(
    const FEValuesBase<dim> &fe_values) const
  {
    if (const auto *face =
          dynamic_cast<const FEFaceValuesBase<dim> *>(&fe_values))
      {
        if (!face_values ||
            !(face_values->get_quadrature() == face->get_quadrature()))
          {
            face_values =
              std::make_unique<FEFaceValues<dim>>(dofs.get_fe(),
                                                  face->get_quadrature(),
                                                  update_values);
            face_cache.clear();
          }
      }
    else
      {
        const auto &volume = dynamic_cast<const FEValues<dim> &>(fe_values);
        if (!cell_values ||
            !(cell_values->get_quadrature() == volume.get_quadrature()))
          {
            cell_values =
              std::make_unique<FEValues<dim>>(dofs.get_fe(),
                                              volume.get_quadrature(),
                                              update_values);
            cell_cache.clear();
          }
      }
  }

  template <int dim>
  void
  FiniteElementVelocityField<dim>::evaluate(
    const FEValuesBase<dim>     &fe_values,
    std::vector<Tensor<1, dim>> &values) const
  {
    const auto &tria_cell = fe_values.get_cell();
    const typename DoFHandler<dim>::active_cell_iterator cell(
      &dofs.get_triangulation(), tria_cell->level(), tria_cell->index(), &dofs);
    const FEValuesExtractors::Vector u(0);
    values.resize(fe_values.n_quadrature_points);
    if (const auto *face =
          dynamic_cast<const FEFaceValuesBase<dim> *>(&fe_values))
      {
        face_values->reinit(cell, face->get_face_number());
        (*face_values)[u].get_function_values(flow_solution, values);
      }
    else
      {
        cell_values->reinit(cell);
        (*cell_values)[u].get_function_values(flow_solution, values);
      }
  }

  template class FiniteElementVelocityField<2>;
  template class FiniteElementVelocityField<3>;
} // namespace NOxFlow
