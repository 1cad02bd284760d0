#ifndef noxflow_solver_nonlinear_secant_predictor_h
#define noxflow_solver_nonlinear_secant_predictor_h

#include <deal.II/lac/petsc_vector.h>

#include <optional>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief First-order prediction of the next state on a continuation path
   * from the last two accepted ones (a secant predictor).
   *
   * Newton then starts from the line through the last two states instead of
   * the last state. The parameter is whatever the path is continued in
   * (current density, electrode potential). A state that a predicted
   * concentration would take below zero is moved only part of the way.
   */
  class SecantPredictor
  {
  public:
    /// With @p logarithmic the path is continued in ln|value| (a current
    /// ramp: potentials follow the logarithm of the current, Tafel).
    explicit SecantPredictor(const bool logarithmic = false);

    /// Extrapolation beyond this many times the last interval is not
    /// trusted: the path is curved (Tafel: potential ~ log current).
    static constexpr double max_ratio = 2.;

    /// Forgets the path (after a kink in it: a plateau crossed by another
    /// route, a restart).
    void
    clear();

    /// Records the accepted state at parameter @p value; a repeat of the
    /// last value is ignored.
    void
    accept(const double                              value,
           const dealii::PETScWrappers::MPI::Vector &solution,
           const std::vector<double>                &f_electrode_potentials);

    /// True once two states are known.
    bool
    ready() const;

    /// The secant step from the last state toward @p value: @p dx for the
    /// solution and @p d_potentials for the electrode potentials. Returns
    /// the ratio used (the step over the last interval, capped at
    /// max_ratio).
    double
    step(const double                        value,
         dealii::PETScWrappers::MPI::Vector &dx,
         std::vector<double>                &d_potentials) const;

  private:
    struct State
    {
      double                             value;
      dealii::PETScWrappers::MPI::Vector solution;
      std::vector<double>                potentials;
    };
    /// The path parameter of a control value.
    double
    parameter(const double value) const;

    bool logarithmic;
    /// The state before the last one, and the last one.
    std::optional<State> previous, last;
  };
} // namespace NOxFlow

#endif
