#ifndef noxflow_solver_transport_prescribed_velocity_h
#define noxflow_solver_transport_prescribed_velocity_h

#include <deal.II/base/function.h>

namespace NOxFlow
{
  /**
   * @brief A velocity along x: uniform, or the parallel-plate Poiseuille
   * profile u = 6 U y (h - y) / h^2 of mean U across 0 <= y <= h.
   */
  template <int dim>
  class PrescribedVelocity : public dealii::Function<dim>
  {
  public:
    PrescribedVelocity(const bool   poiseuille,
                       const double mean_velocity,
                       const double height)
      : dealii::Function<dim>(dim)
      , poiseuille(poiseuille)
      , mean_velocity(mean_velocity)
      , height(height)
    {}

    double
    value(const dealii::Point<dim> &p,
          const unsigned int        component) const override
    {
      if (component != 0)
        return 0.;
      if (!poiseuille)
        return mean_velocity;
      return 6. * mean_velocity * p[1] * (height - p[1]) / (height * height);
    }

  private:
    const bool   poiseuille;
    const double mean_velocity;
    const double height;
  };
} // namespace NOxFlow

#endif
