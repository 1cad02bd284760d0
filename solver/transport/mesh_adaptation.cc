#include <deal.II/base/bounding_box.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/error_estimator.h>

#include <solver/transport/mesh_adaptation.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Kelly's indicator: flags the fractions of the settings.
    template <int dim>
    void
    flag_by_kelly(parallel::distributed::Triangulation<dim> &tria,
                  const DoFHandler<dim>                     &dof_handler,
                  const PETScWrappers::MPI::Vector          &ghosted_solution,
                  const MeshAdaptationSettings              &settings)
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
    }

    /// Smallest axis-aligned boxes around each reacting surface (an
    /// electrode's boundary faces) and volume (a porous electrode's cells).
    template <int dim>
    std::vector<BoundingBox<dim>>
    electrode_boxes(const Triangulation<dim>     &tria,
                    const NernstPlanckModel<dim> &model)
    {
      const unsigned int  n = model.electrode_boundaries.size();
      std::vector<double> low(n * dim, std::numeric_limits<double>::max()),
        minus_high(n * dim, std::numeric_limits<double>::max());
      const auto extend = [&](const unsigned int e, const Point<dim> &x) {
        for (unsigned int d = 0; d < dim; ++d)
          {
            low[e * dim + d]        = std::min(low[e * dim + d], x[d]);
            minus_high[e * dim + d] = std::min(minus_high[e * dim + d], -x[d]);
          }
      };
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            if (const auto *porous =
                  model.porous_electrode_in(cell->material_id()))
              for (const unsigned int v : cell->vertex_indices())
                extend(porous->electrode, cell->vertex(v));
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary())
                for (unsigned int e = 0; e < n; ++e)
                  if (!model.is_porous(e) &&
                      face->boundary_id() == model.electrode_boundaries[e])
                    for (const unsigned int v : face->vertex_indices())
                      extend(e, face->vertex(v));
          }
      const MPI_Comm comm = tria.get_communicator();
      for (auto *v : {&low, &minus_high})
        MPI_Allreduce(
          MPI_IN_PLACE, v->data(), int(v->size()), MPI_DOUBLE, MPI_MIN, comm);
      std::vector<BoundingBox<dim>> boxes;
      for (unsigned int e = 0; e < n; ++e)
        {
          Point<dim> lo, hi;
          for (unsigned int d = 0; d < dim; ++d)
            {
              lo[d] = low[e * dim + d];
              hi[d] = -minus_high[e * dim + d];
            }
          if (lo[0] <= hi[0])
            boxes.emplace_back(std::make_pair(lo, hi));
        }
      return boxes;
    }

    /// Distance from a cell's box to an electrode's box along the
    /// electrode's normal (its box's thinnest axis), ignoring the other
    /// axes: the layer runs along the whole plane of the electrode, so no
    /// coarse-fine interface crosses the boundary layers that leave its
    /// edges (measured: such interfaces cost the accuracy refinement gains).
    template <int dim>
    double
    normal_distance(const BoundingBox<dim> &cell,
                    const BoundingBox<dim> &electrode)
    {
      const auto &[lo, hi] = electrode.get_boundary_points();
      unsigned int normal  = 0;
      for (unsigned int d = 1; d < dim; ++d)
        if (hi[d] - lo[d] < hi[normal] - lo[normal])
          normal = d;
      return std::max({0.,
                       lo[normal] - cell.get_boundary_points().second[normal],
                       cell.get_boundary_points().first[normal] - hi[normal]});
    }

    /// Electrode layers: flags every cell within the layer thickness of an
    /// electrode (while the mesh is below Maximum cells); coarsens nothing.
    template <int dim>
    void
    flag_electrode_layers(parallel::distributed::Triangulation<dim> &tria,
                          const NernstPlanckModel<dim>              &model,
                          const MeshAdaptationSettings              &settings)
    {
      if (settings.maximum_cells > 0 &&
          tria.n_global_active_cells() >= settings.maximum_cells)
        return;
      const auto boxes = electrode_boxes(tria, model);
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const auto &box : boxes)
            if (normal_distance(cell->bounding_box(), box) <
                settings.electrode_layer_thickness)
              {
                cell->set_refine_flag();
                break;
              }
    }

    /// Sets the refine and coarsen flags within the level limits; returns
    /// whether any cell of any rank has one.
    template <int dim>
    bool
    flag_cells(parallel::distributed::Triangulation<dim> &tria,
               const DoFHandler<dim>                     &dof_handler,
               const NernstPlanckModel<dim>              &model,
               const PETScWrappers::MPI::Vector          &ghosted_solution,
               const MeshAdaptationSettings              &settings,
               const unsigned int                         uniform_level)
    {
      if (settings.indicator == "electrode layers")
        flag_electrode_layers(tria, model, settings);
      else
        flag_by_kelly(tria, dof_handler, ghosted_solution, settings);

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
    if (!flag_cells(tria,
                    discretization.dof_handler,
                    model,
                    ghosted,
                    settings,
                    uniform_level))
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
