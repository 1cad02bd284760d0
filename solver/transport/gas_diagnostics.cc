#include <deal.II/base/mpi.h>

#include <solver/transport/cell_state.h>
#include <solver/transport/gas_diagnostics.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  std::vector<double>
  gas_dissolved(const Discretization<dim>        &discretization,
                const NernstPlanckModel<dim>     &model,
                const PETScWrappers::MPI::Vector &solution)
  {
    std::vector<double> dissolved(model.n_gas_species(), 0.);
    if (!model.gas)
      return dissolved;
    const auto    &gas = *model.gas;
    CellState<dim> state(model, *discretization.fe);
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        const auto *region = gas.region(cell->material_id());
        if (!region || region->exchange_coefficient == 0.)
          continue;
        state.reinit(cell, solution);
        for (unsigned int a = 0; a < state.n_nodes; ++a)
          for (unsigned int i = 0; i < gas.n_species(); ++i)
            {
              const int s = gas.dissolves_as[i];
              if (s < 0)
                continue;
              const double x =
                state.cell_values(state.node_dof[model.gas_component(i)][a]);
              const double c =
                state.nodal.at_node(a)[s] * model.scales.concentration;
              dissolved[i] +=
                state.lumped_mass[a] * gas.dissolution(i, *region, x, c);
            }
      }
    Utilities::MPI::sum(dissolved, discretization.comm, dissolved);
    return dissolved;
  }

  template std::vector<double>
  gas_dissolved(const Discretization<2> &,
                const NernstPlanckModel<2> &,
                const PETScWrappers::MPI::Vector &);
  template std::vector<double>
  gas_dissolved(const Discretization<3> &,
                const NernstPlanckModel<3> &,
                const PETScWrappers::MPI::Vector &);
} // namespace NOxFlow
