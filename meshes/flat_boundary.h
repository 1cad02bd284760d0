#ifndef noxflow_meshes_flat_boundary_h
#define noxflow_meshes_flat_boundary_h

#include <deal.II/base/point.h>
#include <deal.II/base/types.h>

#include <string>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
}

namespace NOxFlow::Meshes
{
  /**
   * @brief A boundary whose faces lie in one plane normal to x, y or z (an
   * inlet, a current collector): the box its faces span, the axis of its
   * normal and the sign of the inward direction, its measure (an area in
   * 3D, a length in 2D).
   */
  template <int dim>
  struct FlatBoundary
  {
    dealii::Point<dim> lower, upper;
    unsigned int       axis        = 0;
    double             inward_sign = 1.;
    double             measure     = 0.;

    /// Extent across the boundary along its @p k-th tangential axis
    /// (axis + 1 + k, cyclically).
    double
    extent(const unsigned int k) const
    {
      const unsigned int a = (axis + 1 + k) % dim;
      return upper[a] - lower[a];
    }
  };

  /**
   * @brief Boundary @p id of @p tria over all ranks of its communicator.
   * Throws an InputError naming @p parameter if the boundary has no faces or
   * its faces are not coplanar with an axis-aligned normal.
   */
  template <int dim>
  FlatBoundary<dim>
  flat_boundary(const dealii::Triangulation<dim, dim> &tria,
                const dealii::types::boundary_id       id,
                const std::string                     &parameter);
} // namespace NOxFlow::Meshes

#endif
