#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <solver/discretization.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  Discretization<dim>::Discretization(const MPI_Comm comm)
    : comm(comm)
    , triangulation(comm)
    , dof_handler(triangulation)
  {}

  template <int dim>
  void
  Discretization<dim>::setup(const NernstPlanckModel<dim> &model)
  {
    const unsigned int n_components = model.n_components();
    fe = std::make_unique<FESystem<dim>>(FE_Q<dim>(1), n_components);
    dof_handler.distribute_dofs(*fe);

    owned_dofs = dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant_dofs);

    owned_dofs_by_component.clear();
    for (unsigned int c = 0; c < n_components; ++c)
      {
        ComponentMask mask(n_components, false);
        mask.set(c, true);
        owned_dofs_by_component.push_back(
          DoFTools::extract_dofs(dof_handler, mask) & owned_dofs);
      }

    ComponentMask species_mask(n_components, true);
    species_mask.set(model.potential_component(), false);
    ComponentMask potential_mask(n_components, false);
    potential_mask.set(model.potential_component(), true);

    hanging_constraints.clear();
    hanging_constraints.reinit(relevant_dofs);
    DoFTools::make_hanging_node_constraints(dof_handler, hanging_constraints);
    hanging_constraints.close();

    const auto add_dirichlet = [&](AffineConstraints<double> &constraints,
                                   const Function<dim>       &values) {
      constraints.clear();
      constraints.reinit(relevant_dofs);
      DoFTools::make_hanging_node_constraints(dof_handler, constraints);
      for (const auto id : model.concentration_dirichlet)
        VectorTools::interpolate_boundary_values(
          dof_handler, id, values, constraints, species_mask);
      for (const auto id : model.potential_dirichlet)
        VectorTools::interpolate_boundary_values(
          dof_handler, id, values, constraints, potential_mask);
      constraints.close();
    };
    add_dirichlet(update_constraints,
                  Functions::ZeroFunction<dim>(n_components));
    add_dirichlet(solution_constraints, *model.boundary_values);

    dirichlet_dofs = IndexSet(dof_handler.n_dofs());
    if (!model.concentration_dirichlet.empty())
      dirichlet_dofs.add_indices(
        DoFTools::extract_boundary_dofs(dof_handler,
                                        species_mask,
                                        model.concentration_dirichlet) &
        owned_dofs);
    if (!model.potential_dirichlet.empty())
      dirichlet_dofs.add_indices(
        DoFTools::extract_boundary_dofs(dof_handler,
                                        potential_mask,
                                        model.potential_dirichlet) &
        owned_dofs);

    DynamicSparsityPattern dsp(relevant_dofs);
    DoFTools::make_sparsity_pattern(dof_handler,
                                    dsp,
                                    update_constraints,
                                    false);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               owned_dofs,
                                               comm,
                                               relevant_dofs);
    jacobian.reinit(owned_dofs, owned_dofs, dsp, comm);
  }

  template <int dim>
  PETScWrappers::MPI::Vector
  Discretization<dim>::owned_vector() const
  {
    return PETScWrappers::MPI::Vector(owned_dofs, comm);
  }

  template <int dim>
  PETScWrappers::MPI::Vector
  Discretization<dim>::ghosted(const PETScWrappers::MPI::Vector &owned) const
  {
    PETScWrappers::MPI::Vector result(owned_dofs, relevant_dofs, comm);
    result = owned;
    return result;
  }

  template class Discretization<2>;
  template class Discretization<3>;
} // namespace NOxFlow
