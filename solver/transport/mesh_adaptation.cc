#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/error_estimator.h>

#include <solver/transport/mesh_adaptation.h>

#include <cmath>
#include <limits>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Sets the refine and coarsen flags; returns whether any cell of any
    /// rank has one.
    template <int dim>
    bool
    flag_cells(parallel::distributed::Triangulation<dim> &tria,
               const DoFHandler<dim>                     &dof_handler,
               const PETScWrappers::MPI::Vector          &ghosted_solution,
               const MeshAdaptationSettings              &settings,
               const unsigned int                         uniform_level)
    {
      // Kelly's indicator per component, each normalised by its norm over
      // the mesh: a species far below the reference concentration (nitrate
      // at 0.1 c_ref) then weighs as much as the potential, whose jumps at
      // the electrode edges would otherwise take all the refinement.
      const unsigned int n_components = dof_handler.get_fe().n_components();
      Vector<float>      indicator(tria.n_active_cells());
      Vector<float>      component_indicator(tria.n_active_cells());
      for (unsigned int c = 0; c < n_components; ++c)
        {
          ComponentMask mask(n_components, false);
          mask.set(c, true);
          KellyErrorEstimator<dim>::estimate(dof_handler,
                                             QGauss<dim - 1>(
                                               dof_handler.get_fe().degree + 1),
                                             {},
                                             ghosted_solution,
                                             component_indicator,
                                             mask);
          const double norm = std::sqrt(
            Utilities::MPI::sum(double(component_indicator.norm_sqr()),
                                tria.get_communicator()));
          if (norm > 0.)
            indicator.add(float(1. / norm), component_indicator);
        }
      parallel::distributed::GridRefinement::refine_and_coarsen_fixed_number(
        tria,
        indicator,
        settings.refine_fraction,
        settings.coarsen_fraction,
        settings.maximum_cells > 0 ?
          types::global_cell_index(settings.maximum_cells) :
          std::numeric_limits<types::global_cell_index>::max());

      bool flagged = false;
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const unsigned int level = cell->level();
            if (level >= uniform_level + settings.maximum_levels)
              cell->clear_refine_flag();
            if (level <= uniform_level)
              cell->clear_coarsen_flag();
            flagged |= cell->refine_flag_set() || cell->coarsen_flag_set();
          }
      return Utilities::MPI::logical_or(flagged, tria.get_communicator());
    }
  } // namespace

  template <int dim>
  bool
  adapt_mesh(Discretization<dim>          &discretization,
             const NernstPlanckModel<dim> &model,
             const MeshAdaptationSettings &settings,
             const unsigned int            uniform_level,
             PETScWrappers::MPI::Vector   &solution,
             const std::function<void()>  &before_setup)
  {
    auto      &tria    = discretization.triangulation;
    const auto ghosted = discretization.ghosted(solution);
    if (!flag_cells(
          tria, discretization.dof_handler, ghosted, settings, uniform_level))
      return false;

    parallel::distributed::SolutionTransfer<dim, PETScWrappers::MPI::Vector>
      transfer(discretization.dof_handler);
    tria.prepare_coarsening_and_refinement();
    transfer.prepare_for_coarsening_and_refinement(ghosted);
    tria.execute_coarsening_and_refinement();

    before_setup();
    discretization.setup(model);
    solution = discretization.owned_vector();
    transfer.interpolate(solution);
    discretization.solution_constraints.distribute(solution);
    return true;
  }

  template bool
  adapt_mesh(Discretization<2> &,
             const NernstPlanckModel<2> &,
             const MeshAdaptationSettings &,
             const unsigned int,
             PETScWrappers::MPI::Vector &,
             const std::function<void()> &);
  template bool
  adapt_mesh(Discretization<3> &,
             const NernstPlanckModel<3> &,
             const MeshAdaptationSettings &,
             const unsigned int,
             PETScWrappers::MPI::Vector &,
             const std::function<void()> &);
} // namespace NOxFlow
