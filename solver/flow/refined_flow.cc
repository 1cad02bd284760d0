#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe.h>

#include <solver/flow/refined_flow.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  RefinedFlow<dim>::RefinedFlow(const FlowSolver<dim> &solver)
    : fe(solver.dof_handler().get_fe().clone())
  {
    using CellValues = std::vector<std::pair<std::string, std::vector<double>>>;
    CellValues     owned;
    Vector<double> values(fe->n_dofs_per_cell());
    for (const auto &cell : solver.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_values(solver.solution(), values);
          owned.emplace_back(cell->id().to_string(),
                             std::vector<double>(values.begin(), values.end()));
        }
    // Every rank gets every cell: after adaptation, a rank's transport
    // cells may lie over flow cells another rank owned.
    for (const auto &from_rank :
         Utilities::MPI::all_gather(solver.dof_handler().get_communicator(),
                                    owned))
      for (const auto &[id, v] : from_rank)
        flow_cells.emplace(id, Vector<double>(v.begin(), v.end()));
  }

  template <int dim>
  bool
  RefinedFlow<dim>::values_on(
    const typename Triangulation<dim>::active_cell_iterator &cell,
    Vector<double>                                          &values) const
  {
    std::vector<unsigned int> path; // child numbers, finest first
    typename Triangulation<dim>::cell_iterator ancestor = cell;
    auto found = flow_cells.find(ancestor->id().to_string());
    while (found == flow_cells.end())
      {
        if (ancestor->level() == 0)
          return false;
        const auto parent = ancestor->parent();
        for (unsigned int i = 0; i < parent->n_children(); ++i)
          if (parent->child(i) == ancestor)
            path.push_back(i);
        ancestor = parent;
        found    = flow_cells.find(ancestor->id().to_string());
      }
    values = found->second;
    Vector<double> child_values(values.size());
    for (auto i = path.rbegin(); i != path.rend(); ++i)
      {
        fe->get_prolongation_matrix(*i).vmult(child_values, values);
        values = child_values;
      }
    return true;
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

    const IndexSet &owned_dofs = target_dofs.locally_owned_dofs();
    Vector<double>  values(fe->n_dofs_per_cell());
    std::vector<types::global_dof_index> indices(fe->n_dofs_per_cell());
    unsigned int                         missing = 0;
    for (const auto &cell : target_dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          if (!values_on(cell, values))
            {
              ++missing;
              continue;
            }
          cell->get_dof_indices(indices);
          for (unsigned int i = 0; i < indices.size(); ++i)
            if (owned_dofs.is_element(indices[i]))
              target_owned(indices[i]) = values(i);
        }
    missing = Utilities::MPI::sum(missing, comm);
    if (missing > 0)
      throw std::runtime_error(
        "The flow, solved on a coarser mesh (Flow/Coarser mesh levels), "
        "does not cover " +
        std::to_string(missing) +
        " transport cells: they are coarser than the flow mesh. Set "
        "'Coarser mesh levels = 0'.");
    target_owned.compress(VectorOperation::insert);
    target_solution.reinit(layout.owned, layout.relevant, comm);
    target_solution = target_owned;
  }

  template class RefinedFlow<2>;
  template class RefinedFlow<3>;
} // namespace NOxFlow
