#include <solver/nonlinear/secant_predictor.h>

#include <algorithm>
#include <cmath>

namespace NOxFlow
{
  SecantPredictor::SecantPredictor(const bool logarithmic)
    : logarithmic(logarithmic)
  {}

  double
  SecantPredictor::parameter(const double value) const
  {
    return logarithmic ? std::log(std::abs(value)) : value;
  }

  void
  SecantPredictor::clear()
  {
    previous.reset();
    last.reset();
  }

  void
  SecantPredictor::accept(const double                              value,
                          const dealii::PETScWrappers::MPI::Vector &solution,
                          const std::vector<double> &f_electrode_potentials)
  {
    if ((last && last->value == value) || (logarithmic && value == 0.))
      return;
    previous = std::move(last);
    last     = State{value, solution, f_electrode_potentials};
  }

  bool
  SecantPredictor::ready() const
  {
    return previous.has_value() && last.has_value();
  }

  double
  SecantPredictor::step(const double                        value,
                        dealii::PETScWrappers::MPI::Vector &dx,
                        std::vector<double>                &d_potentials) const
  {
    const double interval = parameter(last->value) - parameter(previous->value);
    // Only forward along the path, and not beyond max_ratio intervals.
    const double ratio =
      value == 0. && logarithmic ?
        0. :
        std::clamp((parameter(value) - parameter(last->value)) / interval,
                   0.,
                   max_ratio);
    dx = last->solution;
    dx.add(-1., previous->solution);
    dx *= ratio;
    d_potentials.resize(last->potentials.size());
    for (unsigned int e = 0; e < d_potentials.size(); ++e)
      d_potentials[e] = ratio * (last->potentials[e] - previous->potentials[e]);
    return ratio;
  }
} // namespace NOxFlow
