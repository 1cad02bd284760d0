#ifndef noxflow_meshes_box_cells_h
#define noxflow_meshes_box_cells_h

#include <deal.II/base/point.h>

#include <optional>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
}

namespace NOxFlow::Meshes
{
  /**
   * @brief The centre of the first active cell of @p tria that is not a
   * rectangle (2D) or a box (3D) with mutually orthogonal edges, if any.
   * The Scharfetter-Gummel edge fluxes are consistent only on such cells
   * (their edge weights are the trapezoidal Q1 stiffness of a box, which
   * has no diagonal couplings). Every cell of @p tria is checked, owned or
   * not, so all ranks of a distributed mesh give the same answer when its
   * coarse mesh is passed.
   */
  template <int dim>
  std::optional<dealii::Point<dim>>
  first_non_box_cell(const dealii::Triangulation<dim, dim> &tria);
} // namespace NOxFlow::Meshes

#endif
