#include <deal.II/grid/tria.h>

#include <meshes/box_cells.h>

#include <cmath>

namespace NOxFlow::Meshes
{
  namespace
  {
    // A cell is a box if every vertex sits at v0 plus the edge vectors its
    // lexicographic index selects, and those edges are orthogonal.
    template <int dim>
    bool
    is_box(const typename dealii::Triangulation<dim, dim>::cell_iterator &cell)
    {
      const double           tolerance = 1e-9 * cell->diameter();
      dealii::Tensor<1, dim> edge[dim];
      for (unsigned int d = 0; d < dim; ++d)
        edge[d] = cell->vertex(1u << d) - cell->vertex(0);
      for (unsigned int d = 0; d < dim; ++d)
        for (unsigned int e = d + 1; e < dim; ++e)
          if (std::abs(edge[d] * edge[e]) >
              tolerance * (edge[d].norm() + edge[e].norm()))
            return false;
      for (const unsigned int v : cell->vertex_indices())
        {
          dealii::Point<dim> expected = cell->vertex(0);
          for (unsigned int d = 0; d < dim; ++d)
            if (v & (1u << d))
              expected += edge[d];
          if (expected.distance(cell->vertex(v)) > tolerance)
            return false;
        }
      return true;
    }
  } // namespace

  template <int dim>
  std::optional<dealii::Point<dim>>
  first_non_box_cell(const dealii::Triangulation<dim, dim> &tria)
  {
    for (const auto &cell : tria.active_cell_iterators())
      if (!is_box<dim>(cell))
        return cell->center();
    return std::nullopt;
  }

  template std::optional<dealii::Point<2>>
  first_non_box_cell(const dealii::Triangulation<2, 2> &);
  template std::optional<dealii::Point<3>>
  first_non_box_cell(const dealii::Triangulation<3, 3> &);
} // namespace NOxFlow::Meshes
