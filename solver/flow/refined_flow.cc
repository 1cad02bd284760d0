#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/dofs/dof_tools.h>

#include <solver/flow/refined_flow.h>

#include <stdexcept>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Writes the locally owned entries among a cell's DoF values.
    template <int dim, typename VectorType>
    void
    set_owned_values(const typename DoFHandler<dim>::active_cell_iterator &cell,
                     const Vector<double>                 &values,
                     std::vector<types::global_dof_index> &indices,
                     const IndexSet                       &owned_dofs,
                     VectorType                           &vector)
    {
      cell->get_dof_indices(indices);
      for (unsigned int i = 0; i < indices.size(); ++i)
        if (owned_dofs.is_element(indices[i]))
          vector(indices[i]) = values(i);
    }

    /// The active, locally owned or ghost cell of @p mesh with the
    /// refinement history of @p cell (another mesh over the same coarse
    /// mesh), or an invalid iterator.
    template <int dim>
    typename Triangulation<dim>::cell_iterator
    same_cell(const Triangulation<dim>                         &mesh,
              const typename Triangulation<dim>::cell_iterator &cell)
    {
      std::vector<unsigned int> path; // child numbers, finest first
      auto                      c = cell;
      for (; c->level() > 0; c = c->parent())
        for (unsigned int i = 0; i < c->parent()->n_children(); ++i)
          if (c->parent()->child(i) == c)
            path.push_back(i);
      typename Triangulation<dim>::cell_iterator found(&mesh, 0, c->index());
      for (auto i = path.rbegin(); i != path.rend(); ++i)
        {
          if (!found->has_children())
            return mesh.end();
          found = found->child(*i);
        }
      if (found->has_children() ||
          !(found->is_locally_owned() || found->is_ghost()))
        return mesh.end();
      return found;
    }
  } // namespace

  template <int dim>
  RefinedFlow<dim>::RefinedFlow(const FlowSolver<dim> &solver)
    : fe(solver.dof_handler().get_fe().clone())
    , flow_dofs(std::make_unique<DoFHandler<dim>>(
        solver.dof_handler().get_triangulation()))
  {
    flow_dofs->distribute_dofs(*fe);
    reinit_vectors();
    const auto                          &source = solver.dof_handler();
    Vector<double>                       values(fe->n_dofs_per_cell());
    std::vector<types::global_dof_index> indices(fe->n_dofs_per_cell());
    for (const auto &cell : flow_dofs->active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const typename DoFHandler<dim>::active_cell_iterator from(
            &source.get_triangulation(), cell->level(), cell->index(), &source);
          from->get_dof_values(solver.solution(), values);
          set_owned_values<dim>(
            cell, values, indices, flow_dofs->locally_owned_dofs(), owned);
        }
    owned.compress(VectorOperation::insert);
    ghosted = owned;
  }

  template <int dim>
  void
  RefinedFlow<dim>::reinit_vectors()
  {
    IndexSet relevant;
    DoFTools::extract_locally_relevant_dofs(*flow_dofs, relevant);
    const MPI_Comm comm = flow_dofs->get_communicator();
    owned.reinit(flow_dofs->locally_owned_dofs(), comm);
    ghosted.reinit(flow_dofs->locally_owned_dofs(), relevant, comm);
  }

  template <int dim>
  void
  RefinedFlow<dim>::refine(parallel::distributed::Triangulation<dim> &flow_mesh,
                           const unsigned int                         levels)
  {
    for (unsigned int level = 0; level < levels; ++level)
      {
        parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>
          transfer(*flow_dofs);
        for (const auto &cell : flow_mesh.active_cell_iterators())
          if (cell->is_locally_owned())
            cell->set_refine_flag();
        transfer.prepare_for_coarsening_and_refinement(ghosted);
        flow_mesh.execute_coarsening_and_refinement();
        flow_dofs->distribute_dofs(*fe);
        reinit_vectors();
        transfer.interpolate(owned);
        ghosted = owned;
      }
  }

  template <int dim>
  void
  RefinedFlow<dim>::copy_to(
    const parallel::distributed::Triangulation<dim> &transport_mesh)
  {
    target_dofs.reinit(transport_mesh);
    target_dofs.distribute_dofs(*fe);
    const FlowDofLayout layout = renumber_flow_dofs(target_dofs);
    const MPI_Comm      comm   = target_dofs.get_communicator();
    BlockVector         target_owned(layout.owned, comm);

    const auto    &flow_mesh = flow_dofs->get_triangulation();
    Vector<double> values(fe->n_dofs_per_cell());
    std::vector<types::global_dof_index> indices(fe->n_dofs_per_cell());
    unsigned int                         missing = 0;
    for (const auto &cell : target_dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        const auto from = same_cell(flow_mesh, cell);
        if (from.state() != IteratorState::valid)
          {
            ++missing;
            continue;
          }
        const typename DoFHandler<dim>::active_cell_iterator flow_cell(
          &flow_mesh, from->level(), from->index(), flow_dofs.get());
        flow_cell->get_dof_values(ghosted, values);
        set_owned_values<dim>(cell,
                              values,
                              indices,
                              target_dofs.locally_owned_dofs(),
                              target_owned);
      }
    if (Utilities::MPI::sum(missing, comm) > 0)
      throw std::runtime_error(
        "The flow, solved on a coarser mesh (Flow/Coarser mesh levels), "
        "does not cover " +
        std::to_string(Utilities::MPI::sum(missing, comm)) +
        " transport cells after refinement: the transport mesh is not the "
        "uniform refinement of the flow mesh. Set 'Coarser mesh levels = 0'.");
    target_owned.compress(VectorOperation::insert);
    target_solution.reinit(layout.owned, layout.relevant, comm);
    target_solution = target_owned;

    // The flow mesh's DoFs are no longer needed.
    flow_dofs.reset();
    owned.clear();
    ghosted.clear();
  }

  template class RefinedFlow<2>;
  template class RefinedFlow<3>;
} // namespace NOxFlow
