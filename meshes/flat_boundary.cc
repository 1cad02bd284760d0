#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/tria.h>

#include <meshes/flat_boundary.h>
#include <physics/input_error.h>

#include <limits>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  template <int dim>
  FlatBoundary<dim>
  flat_boundary(const Triangulation<dim, dim> &tria,
                const types::boundary_id       id,
                const std::string             &parameter)
  {
    const MPI_Comm       comm = tria.get_communicator();
    FE_Q<dim>            fe(1);
    const MappingQ1<dim> mapping; // FEFaceValues keeps a reference
    FEFaceValues<dim>    face_values(mapping,
                                  fe,
                                  QGauss<dim - 1>(2),
                                  update_normal_vectors | update_JxW_values);
    Tensor<1, dim>       normal;
    double               measure = 0.;
    Point<dim>           lower, upper;
    for (unsigned int d = 0; d < dim; ++d)
      {
        lower[d] = std::numeric_limits<double>::max();
        upper[d] = -std::numeric_limits<double>::max();
      }
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary() &&
              cell->face(f)->boundary_id() == id)
            {
              face_values.reinit(cell, f);
              for (unsigned int q = 0; q < face_values.n_quadrature_points; ++q)
                {
                  normal += face_values.JxW(q) * face_values.normal_vector(q);
                  measure += face_values.JxW(q);
                }
              for (const unsigned int v : cell->face(f)->vertex_indices())
                for (unsigned int d = 0; d < dim; ++d)
                  {
                    lower[d] = std::min(lower[d], cell->face(f)->vertex(v)[d]);
                    upper[d] = std::max(upper[d], cell->face(f)->vertex(v)[d]);
                  }
            }
    measure = Utilities::MPI::sum(measure, comm);
    normal  = Utilities::MPI::sum(normal, comm);
    FlatBoundary<dim> face;
    for (unsigned int d = 0; d < dim; ++d)
      {
        face.lower[d] = Utilities::MPI::min(lower[d], comm);
        face.upper[d] = Utilities::MPI::max(upper[d], comm);
      }
    face.measure = measure;
    if (!(measure > 0.))
      throw_input_error(parameter, "", "the boundary has no faces.");
    for (unsigned int d = 1; d < dim; ++d)
      if (std::abs(normal[d]) > std::abs(normal[face.axis]))
        face.axis = d;
    face.inward_sign = normal[face.axis] > 0. ? -1. : 1.;
    // Profiles and projected areas need one plane.
    if (std::abs(normal[face.axis]) < (1. - 1e-6) * measure)
      throw_input_error(
        parameter,
        "",
        "the boundary must be flat and normal to x, y or z "
        "(inlets, current collectors); split it into flat ones.");
    return face;
  }

  template FlatBoundary<2>
  flat_boundary(const Triangulation<2, 2> &,
                const types::boundary_id,
                const std::string &);
  template FlatBoundary<3>
  flat_boundary(const Triangulation<3, 3> &,
                const types::boundary_id,
                const std::string &);
} // namespace NOxFlow::Meshes
