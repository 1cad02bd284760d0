#include <solver/nonlinear/continuation.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace NOxFlow;

namespace
{
  /// A toy solve: converges only for steps below max_step from the state,
  /// with more Newton iterations for larger steps.
  struct Toy
  {
    double              state = 0., saved = 0., max_step = 0.3;
    std::vector<double> accepted, targets_hit;
    unsigned int        failures = 0;

    Continuation::Callbacks
    callbacks()
    {
      Continuation::Callbacks cb;
      cb.save    = [this]() { saved = state; };
      cb.restore = [this]() { state = saved; };
      cb.solve   = [this](const double value) {
        NewtonReport r;
        const double step = std::abs(value - state);
        r.converged       = step <= max_step;
        r.iterations      = 2 + static_cast<unsigned int>(10 * step);
        if (r.converged)
          state = value;
        else
          {
            state = 1e9; // a failed solve leaves garbage behind
            ++failures;
          }
        return r;
      };
      cb.accepted =
        [this](const double value, const bool target, const NewtonReport &) {
          EXPECT_EQ(value, state);
          accepted.push_back(value);
          if (target)
            targets_hit.push_back(value);
        };
      return cb;
    }
  };
} // namespace

TEST(Continuation, ReachesEveryTargetWithCutBacks)
{
  ContinuationSettings settings;
  settings.initial_step = 0.9; // too large at first: must be cut back
  Toy toy;
  Continuation(settings).run(0.1, {1., 2., 3.5}, toy.callbacks());
  EXPECT_EQ(toy.targets_hit, (std::vector<double>{1., 2., 3.5}));
  EXPECT_GT(toy.failures, 0u);
  for (unsigned int i = 1; i < toy.accepted.size(); ++i)
    {
      EXPECT_GT(toy.accepted[i], toy.accepted[i - 1]);
      EXPECT_LE(toy.accepted[i] - toy.accepted[i - 1], toy.max_step + 1e-12);
    }
}

TEST(Continuation, DecreasingTargetsForPotentialRamps)
{
  ContinuationSettings settings;
  Toy                  toy;
  Continuation(settings).run(0., {-0.5, -1.2}, toy.callbacks());
  EXPECT_EQ(toy.targets_hit, (std::vector<double>{-0.5, -1.2}));
}

TEST(Continuation, ReportsTheLastConvergedValue)
{
  ContinuationSettings settings;
  Toy                  toy;
  toy.max_step = 1e-6; // nothing beyond the start converges
  try
    {
      Continuation(settings).run(0., {1.}, toy.callbacks());
      FAIL() << "expected a ContinuationFailure";
    }
  catch (const ContinuationFailure &failure)
    {
      EXPECT_EQ(failure.last_converged, 0.);
      EXPECT_EQ(toy.state, 0.); // restored after the last failed try
    }
}

TEST(Continuation, StartOnTheFirstTargetIsReportedOnce)
{
  ContinuationSettings settings;
  Toy                  toy;
  toy.state = 1.;
  Continuation(settings).run(1., {1., 2.}, toy.callbacks());
  EXPECT_EQ(toy.targets_hit, (std::vector<double>{1., 2.}));
  EXPECT_EQ(std::count(toy.accepted.begin(), toy.accepted.end(), 1.), 1);
}

TEST(Continuation, ResumeDoesNotReportTheCheckpointPointAgain)
{
  ContinuationSettings settings;
  Toy                  toy;
  toy.state = 1.;
  Continuation(settings).run(1., {2.}, toy.callbacks(), true);
  EXPECT_EQ(toy.targets_hit, (std::vector<double>{2.}));
  EXPECT_EQ(std::count(toy.accepted.begin(), toy.accepted.end(), 1.), 0);
}

TEST(Continuation, NothingToDoWithoutTargets)
{
  ContinuationSettings settings;
  Toy                  toy;
  Continuation(settings).run(1., {}, toy.callbacks(), true);
  EXPECT_TRUE(toy.accepted.empty());
}
