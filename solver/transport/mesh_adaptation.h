#ifndef noxflow_solver_transport_mesh_adaptation_h
#define noxflow_solver_transport_mesh_adaptation_h

#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/mesh_adaptation_settings.h>
#include <solver/transport/nernst_planck_model.h>

#include <functional>

namespace NOxFlow
{
  /**
   * @brief One refine-and-coarsen cycle of the transport mesh, with the
   * state carried over.
   *
   * Cells are chosen by the settings' indicator: "electrode layers" refines
   * every cell within a thickness of an electrode's plane (the layers stay
   * whole, so no coarse-fine interface crosses a boundary layer); "kelly"
   * refines and coarsens by Kelly's indicator (the jump of the normal
   * gradient across each face) per component, each normalised by its norm
   * over the mesh and then summed, so every species counts, whatever its
   * concentration, beside the potential. Cells are never coarsened below
   * @p uniform_level (the mesh of Geometry/Global refinements, where the
   * flow lives) nor refined beyond uniform_level + maximum_levels.
   *
   * After the mesh has changed and before the DoFs are set up anew,
   * @p before_setup runs (to carry the flow over). The state is interpolated
   * (exact where cells are refined; nodal values of the children where they
   * are coarsened) and its hanging-node and Dirichlet constraints applied.
   *
   * @return whether the mesh changed (false: no cell was flagged, the
   * state and DoFs are untouched).
   */
  template <int dim>
  bool
  adapt_mesh(Discretization<dim>                &discretization,
             const NernstPlanckModel<dim>       &model,
             const MeshAdaptationSettings       &settings,
             const unsigned int                  uniform_level,
             dealii::PETScWrappers::MPI::Vector &solution,
             const std::function<void()>        &before_setup);
} // namespace NOxFlow

#endif
