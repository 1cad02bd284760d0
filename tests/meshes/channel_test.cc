#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <meshes/box_cells.h>
#include <meshes/channel.h>
#include <physics/input_error.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace NOxFlow;

TEST(GradedSteps, SumToLengthAndGrade)
{
  const auto steps = Meshes::graded_steps(2., 11, 10., true, true);
  EXPECT_NEAR(std::accumulate(steps.begin(), steps.end(), 0.), 2., 1e-12);
  EXPECT_NEAR(steps[5] / steps[0], 10., 1e-9);
  EXPECT_NEAR(steps[0], steps[10], 1e-15);
  const auto one_sided = Meshes::graded_steps(1., 5, 4., false, true);
  EXPECT_NEAR(one_sided[0] / one_sided[4], 4., 1e-9);
}

template <int dim>
void
check_channel()
{
  Meshes::ChannelGeometry       geometry;
  dealii::Triangulation<dim>    tria;
  const auto                    names = geometry.create(tria);
  std::map<std::string, double> area;
  for (const auto &cell : tria.active_cell_iterators())
    for (const auto &face : cell->face_iterators())
      if (face->at_boundary())
        area[names.name(face->boundary_id())] += face->measure();
  const double depth = dim == 3 ? geometry.width : 1.;
  EXPECT_NEAR(area["cathode"], geometry.electrode_length * depth, 1e-12);
  EXPECT_NEAR(area["anode"], geometry.electrode_length * depth, 1e-12);
  EXPECT_NEAR(area["inlet"], geometry.height * depth, 1e-12);
  EXPECT_NEAR(area["outlet"], geometry.height * depth, 1e-12);
  EXPECT_THROW(names.id("membrane", "Electrodes/Names"), InputError);
}

TEST(Channel, NamedBoundaries2D)
{
  check_channel<2>();
}

TEST(Channel, NamedBoundaries3D)
{
  check_channel<3>();
}

// The edge fluxes need boxes: the graded channel is made of them, a sheared
// or distorted copy is not, and the check names a cell of the bad mesh.
template <int dim>
void
check_box_cells()
{
  Meshes::ChannelGeometry    geometry;
  dealii::Triangulation<dim> tria;
  geometry.create(tria);
  EXPECT_FALSE(Meshes::first_non_box_cell(tria));

  dealii::Triangulation<dim> sheared;
  sheared.copy_triangulation(tria);
  dealii::GridTools::transform(
    [&](const dealii::Point<dim> &p) {
      dealii::Point<dim> q = p;
      q[0] += 0.1 * p[1];
      return q;
    },
    sheared);
  EXPECT_TRUE(Meshes::first_non_box_cell(sheared));

  dealii::Triangulation<dim> parallelogram;
  parallelogram.copy_triangulation(tria);
  dealii::GridTools::distort_random(0.1, parallelogram, false, 1);
  const auto centre = Meshes::first_non_box_cell(parallelogram);
  ASSERT_TRUE(centre);
  for (unsigned int d = 0; d < dim; ++d)
    EXPECT_TRUE(std::isfinite((*centre)[d]));
}

TEST(BoxCells, ChannelIsMadeOfBoxesAndDistortedCopiesAreNot2D)
{
  check_box_cells<2>();
}

TEST(BoxCells, ChannelIsMadeOfBoxesAndDistortedCopiesAreNot3D)
{
  check_box_cells<3>();
}
