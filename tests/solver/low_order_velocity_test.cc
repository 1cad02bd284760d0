// The low-order (iso-Q1) velocity operator the flow's AMG works on, against
// its continuous energy. Linear velocities are exact in both the iso-Q1 and
// the Q2 space, so on a box mesh of stretched cells v.P v must equal
//   int mu_eff |grad v|^2 + gamma (div v)^2   (open cells, no inertia:
//                                              gamma = mu_eff)
//   int sum_c mu/K_c v_c^2                     (constant v, Brinkman medium)
// to round-off, serial and in parallel.
#include <deal.II/base/function.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>

#include <solver/flow/low_order_velocity_matrix.h>

#include <gtest/gtest.h>

#include "flow_test_tools.h"

using namespace dealii;
using namespace NOxFlow;
using namespace FlowTestTools;

namespace
{
  /// v = G x + b, zero pressure.
  template <int dim>
  class LinearVelocity : public Function<dim>
  {
  public:
    LinearVelocity(const Tensor<2, dim> &gradient, const Tensor<1, dim> &offset)
      : Function<dim>(dim + 1)
      , gradient(gradient)
      , offset(offset)
    {}

    double
    value(const Point<dim> &p, const unsigned int c) const override
    {
      return c < dim ? (gradient * p + offset)[c] : 0.;
    }

  private:
    const Tensor<2, dim> gradient;
    const Tensor<1, dim> offset;
  };

  /// v.P v on the box [0, 2] x [0, 1] (x [0, 0.5]) of 5 x 3 (x 2) cells.
  template <int dim>
  double
  energy(const FlowProblem<dim> &problem, const Function<dim> &velocity)
  {
    parallel::distributed::Triangulation<dim> tria(MPI_COMM_WORLD);
    Point<dim>                                upper;
    for (unsigned int d = 0; d < dim; ++d)
      upper[d] = 2. / (1 << d);
    std::vector<unsigned int> cells = {5, 3, 2};
    cells.resize(dim);
    make_box(tria, Point<dim>(), upper, cells);
    for (const auto &cell : tria.active_cell_iterators())
      cell->set_material_id(7);

    const FESystem<dim> fe(FE_Q<dim>(2), dim, FE_Q<dim>(1), 1);
    DoFHandler<dim>     dofs(tria);
    dofs.distribute_dofs(fe);
    const FlowDofLayout layout = renumber_flow_dofs(dofs);
    IndexSet            relevant_all;
    DoFTools::extract_locally_relevant_dofs(dofs, relevant_all);
    AffineConstraints<double> no_constraints(relevant_all);
    no_constraints.close();

    LowOrderVelocityMatrix<dim> matrix(fe);
    matrix.reinit(dofs, no_constraints, layout.owned, layout.relevant);
    const PETScWrappers::MPI::BlockVector at_rest(layout.owned,
                                                  layout.relevant,
                                                  MPI_COMM_WORLD);
    matrix.assemble(dofs, no_constraints, problem, at_rest, 0., 0.);

    PETScWrappers::MPI::BlockVector v(layout.owned, MPI_COMM_WORLD);
    VectorTools::interpolate(dofs, velocity, v);
    return matrix.velocity_block().matrix_norm_square(v.block(0));
  }

  template <int dim>
  double
  volume()
  {
    double v = 1.;
    for (unsigned int d = 0; d < dim; ++d)
      v *= 2. / (1 << d);
    return v;
  }

  template <int dim>
  void
  expect_viscous_energy()
  {
    FlowProblem<dim> problem;
    problem.fluid.viscosity = 0.3;
    Tensor<2, dim> g;
    Tensor<1, dim> b;
    for (unsigned int i = 0; i < dim; ++i)
      {
        b[i] = 0.5 - i;
        for (unsigned int j = 0; j < dim; ++j)
          g[i][j] = 1. + i - 2. * j + (i == j ? 3. * i : 0.);
      }
    const double expected =
      0.3 * (scalar_product(g, g) + trace(g) * trace(g)) * volume<dim>();
    EXPECT_NEAR(energy(problem, LinearVelocity<dim>(g, b)) / expected,
                1.,
                1e-12);
  }

  template <int dim>
  void
  expect_drag_energy()
  {
    FlowProblem<dim> problem;
    problem.fluid.viscosity = 0.3;
    problem.porous[7] = Physics::PorousMedium{0.5, {{0.1, 0.2, 0.4}}, true};
    Tensor<1, dim> b;
    double         expected = 0.;
    for (unsigned int c = 0; c < dim; ++c)
      {
        b[c] = 1. + c;
        expected += 0.3 / problem.porous[7].permeability[c] * b[c] * b[c];
      }
    EXPECT_NEAR(energy(problem, LinearVelocity<dim>(Tensor<2, dim>(), b)) /
                  (expected * volume<dim>()),
                1.,
                1e-12);
  }
} // namespace

TEST(LowOrderVelocity, ViscousAndGradDivEnergyOfALinearField2D)
{
  expect_viscous_energy<2>();
}

TEST(LowOrderVelocity, ViscousAndGradDivEnergyOfALinearField3D)
{
  expect_viscous_energy<3>();
}

TEST(LowOrderVelocity, DragEnergyOfAConstantFieldInABrinkmanMedium)
{
  expect_drag_energy<2>();
  expect_drag_energy<3>();
}
