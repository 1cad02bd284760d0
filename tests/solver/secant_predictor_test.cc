#include <deal.II/base/index_set.h>

#include <solver/nonlinear/secant_predictor.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace NOxFlow;

namespace
{
  /// A two-entry state: one that follows the path parameter linearly.
  dealii::PETScWrappers::MPI::Vector
  state(const double first, const double second)
  {
    dealii::IndexSet owned(2);
    owned.add_range(0, 2);
    dealii::PETScWrappers::MPI::Vector v(owned, MPI_COMM_SELF);
    v(0) = first;
    v(1) = second;
    v.compress(dealii::VectorOperation::insert);
    return v;
  }
} // namespace

// A current ramp on a Tafel line, V = 0.06 ln(i): continued in ln(i), the
// secant predicts the potential exactly; so does the linear predictor for a
// quantity linear in its own parameter.
TEST(SecantPredictor, ExactOnItsOwnPathParameter)
{
  const auto      tafel = [](const double i) { return 0.06 * std::log(i); };
  SecantPredictor current_ramp(true);
  EXPECT_FALSE(current_ramp.ready());
  current_ramp.accept(20., state(tafel(20.), 0.), {tafel(20.)});
  current_ramp.accept(50., state(tafel(50.), 0.), {tafel(50.)});
  ASSERT_TRUE(current_ramp.ready());
  auto                dx = state(0., 0.);
  std::vector<double> dv;
  const double        ratio = current_ramp.step(100., dx, dv);
  EXPECT_NEAR(ratio, std::log(2.) / std::log(2.5), 1e-14);
  EXPECT_NEAR(tafel(50.) + dv[0], tafel(100.), 1e-14);
  EXPECT_NEAR(tafel(50.) + dx(0), tafel(100.), 1e-14);

  SecantPredictor potential_ramp(false);
  potential_ramp.accept(-0.5, state(1., -1.), {});
  potential_ramp.accept(-0.6, state(2., -3.), {});
  potential_ramp.step(-0.75, dx, dv);
  EXPECT_NEAR(dx(0), 1.5, 1e-14);
  EXPECT_NEAR(dx(1), -3., 1e-14);
}

// Extrapolation is capped at max_ratio intervals, never goes backwards,
// ignores a repeated point and forgets the path on clear().
TEST(SecantPredictor, CapsRepeatsAndClears)
{
  SecantPredictor path(false);
  path.accept(0., state(0., 0.), {0.});
  path.accept(1., state(1., 0.), {2.});
  path.accept(1., state(5., 0.), {7.}); // a target accepted twice
  auto                dx = state(0., 0.);
  std::vector<double> dv;
  EXPECT_DOUBLE_EQ(path.step(10., dx, dv), SecantPredictor::max_ratio);
  EXPECT_DOUBLE_EQ(dx(0), SecantPredictor::max_ratio);
  EXPECT_DOUBLE_EQ(dv[0], 2. * SecantPredictor::max_ratio);
  EXPECT_DOUBLE_EQ(path.step(0.5, dx, dv), 0.);
  EXPECT_DOUBLE_EQ(dx(0), 0.);
  path.clear();
  EXPECT_FALSE(path.ready());
}
