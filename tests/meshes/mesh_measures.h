// Region areas/volumes and boundary lengths/areas of a mesh by name, for
// the mesh tests; on a distributed mesh summed over the owned cells of all
// ranks.
#ifndef noxflow_tests_meshes_mesh_measures_h
#define noxflow_tests_meshes_mesh_measures_h

#include <deal.II/base/mpi.h>
#include <deal.II/grid/tria.h>

#include <meshes/mesh_names.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

struct MeshMeasures
{
  std::map<std::string, double> regions;
  std::map<std::string, double> boundaries;
};

template <int dim>
MeshMeasures
measure(const dealii::Triangulation<dim> &tria,
        const NOxFlow::Meshes::MeshNames &names,
        const MPI_Comm                    comm = MPI_COMM_SELF)
{
  MeshMeasures m;
  for (const auto &n : names.regions.names())
    m.regions[n] = 0.;
  for (const auto &n : names.boundaries.names())
    m.boundaries[n] = 0.;
  for (const auto &cell : tria.active_cell_iterators())
    if (cell->is_locally_owned())
      {
        m.regions[names.regions.name(cell->material_id())] += cell->measure();
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            m.boundaries[names.boundaries.name(face->boundary_id())] +=
              face->measure();
      }
  for (auto *map : {&m.regions, &m.boundaries})
    for (auto &[name, value] : *map)
      value = dealii::Utilities::MPI::sum(value, comm);
  return m;
}

/// Every name in @p expected is there with its measure (relative 1e-12),
/// and there are no other names.
inline void
expect_measures(const std::map<std::string, double> &actual,
                const std::map<std::string, double> &expected,
                const std::string                   &what)
{
  for (const auto &[name, value] : expected)
    {
      ASSERT_TRUE(actual.count(name) > 0) << what << " '" << name << "'";
      EXPECT_NEAR(actual.at(name), value, 1e-12 * std::abs(value))
        << what << " '" << name << "'";
    }
  for (const auto &[name, value] : actual)
    EXPECT_TRUE(expected.count(name) > 0)
      << "unexpected " << what << " '" << name << "'";
}

#endif
