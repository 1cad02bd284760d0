#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <petscmat.h>

#include <solver/base/petsc_check.h>
#include <solver/transport/discretization.h>

#include <set>

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
    // Kept across set-ups (mesh adaptation): the DoFHandler refers to it.
    if (!fe || fe->n_components() != n_components)
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

    ComponentMask species_mask(n_components, false);
    for (unsigned int c = 0; c < model.potential_component(); ++c)
      species_mask.set(c, true);
    ComponentMask potential_mask(n_components, false);
    potential_mask.set(model.potential_component(), true);
    ComponentMask gas_mask(n_components, false);
    for (unsigned int i = 0; i < model.n_gas_species(); ++i)
      gas_mask.set(model.gas_component(i), true);

    hanging_constraints.clear();
    hanging_constraints.reinit(relevant_dofs);
    DoFTools::make_hanging_node_constraints(dof_handler, hanging_constraints);
    hanging_constraints.close();

    // The solid potential lives in porous electrodes only (zero elsewhere)
    // and equals the electrode potential at its collector (xi = 0).
    std::vector<types::global_dof_index> solid_zero;
    if (model.has_solid_phase())
      {
        const unsigned int                   sc = model.solid_component();
        std::set<types::global_dof_index>    inside, all, collector;
        std::vector<types::global_dof_index> dofs(fe->n_dofs_per_cell());
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (!cell->is_artificial())
            {
              cell->get_dof_indices(dofs);
              const auto *porous =
                model.porous_electrode_in(cell->material_id());
              for (unsigned int i = 0; i < dofs.size(); ++i)
                if (fe->system_to_component_index(i).first == sc)
                  {
                    all.insert(dofs[i]);
                    if (porous)
                      inside.insert(dofs[i]);
                  }
              if (porous)
                for (const auto f : cell->face_indices())
                  if (cell->face(f)->at_boundary() &&
                      cell->face(f)->boundary_id() ==
                        model.electrode_boundaries[porous->electrode])
                    for (unsigned int i = 0; i < fe->n_dofs_per_face(); ++i)
                      if (fe->face_system_to_component_index(i).first == sc)
                        {
                          std::vector<types::global_dof_index> face_dofs(
                            fe->n_dofs_per_face());
                          cell->face(f)->get_dof_indices(face_dofs);
                          collector.insert(face_dofs[i]);
                        }
            }
        for (const auto i : all)
          if (!inside.count(i) || collector.count(i))
            solid_zero.push_back(i);
      }
    const auto gas_zero  = dofs_outside_gas(model);
    const auto add_solid = [&](AffineConstraints<double> &constraints) {
      for (const auto i : solid_zero)
        if (!constraints.is_constrained(i))
          constraints.add_line(i);
      for (const auto i : gas_zero)
        if (!constraints.is_constrained(i))
          constraints.add_line(i);
    };
    const auto add_dirichlet = [&](AffineConstraints<double> &constraints,
                                   const Function<dim>       &values,
                                   const bool own_compositions) {
      constraints.clear();
      constraints.reinit(relevant_dofs);
      DoFTools::make_hanging_node_constraints(dof_handler, constraints);
      for (const auto id : model.concentration_dirichlet)
        {
          const auto own = model.own_boundary_values.find(id);
          VectorTools::interpolate_boundary_values(
            dof_handler,
            id,
            own_compositions && own != model.own_boundary_values.end() ?
              *own->second :
              values,
            constraints,
            species_mask);
        }
      for (const auto id : model.potential_dirichlet)
        VectorTools::interpolate_boundary_values(
          dof_handler, id, values, constraints, potential_mask);
      if (model.gas)
        for (const auto id : model.gas->feed_boundaries)
          VectorTools::interpolate_boundary_values(
            dof_handler, id, values, constraints, gas_mask);
      add_solid(constraints);
      constraints.close();
    };
    add_dirichlet(update_constraints,
                  Functions::ZeroFunction<dim>(n_components),
                  false);
    add_dirichlet(solution_constraints, *model.boundary_values, true);

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

    if (model.gas && !model.gas->feed_boundaries.empty())
      dirichlet_dofs.add_indices(
        DoFTools::extract_boundary_dofs(dof_handler,
                                        gas_mask,
                                        model.gas->feed_boundaries) &
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
  void
  Discretization<dim>::compact_jacobian_pattern()
  {
    const Mat              matrix = jacobian;
    DynamicSparsityPattern dsp(relevant_dofs);
    for (const auto row : owned_dofs)
      {
        const PetscInt     r = row;
        PetscInt           n = 0;
        const PetscInt    *columns;
        const PetscScalar *values;
        NOXFLOW_PETSC(MatGetRow(matrix, r, &n, &columns, &values));
        dsp.add(row, row);
        for (PetscInt k = 0; k < n; ++k)
          if (values[k] != 0.)
            dsp.add(row, columns[k]);
        NOXFLOW_PETSC(MatRestoreRow(matrix, r, &n, &columns, &values));
      }
    jacobian.reinit(owned_dofs, owned_dofs, dsp, comm);
    // deal.II (release) makes PETSc drop entries outside the pattern; this
    // one takes them (allocating), as compact_jacobian_pattern() promises.
    NOXFLOW_PETSC(
      MatSetOption(jacobian, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE));
  }

  template <int dim>
  std::vector<types::global_dof_index>
  Discretization<dim>::dofs_outside_gas(
    const NernstPlanckModel<dim> &model) const
  {
    // Gas mole fractions live on the nodes of gas regions; a node shared
    // with a liquid-only cell belongs to the gas region (no flux there).
    std::vector<types::global_dof_index> result;
    if (!model.gas)
      return result;
    std::set<types::global_dof_index>    inside, all;
    std::vector<types::global_dof_index> dofs(fe->n_dofs_per_cell());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        {
          cell->get_dof_indices(dofs);
          const bool gas_cell = model.gas->region(cell->material_id());
          for (unsigned int i = 0; i < dofs.size(); ++i)
            if (fe->system_to_component_index(i).first >=
                model.n_liquid_components())
              {
                all.insert(dofs[i]);
                if (gas_cell)
                  inside.insert(dofs[i]);
              }
        }
    for (const auto i : all)
      if (!inside.count(i))
        result.push_back(i);
    return result;
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
