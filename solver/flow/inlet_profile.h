#ifndef noxflow_solver_flow_inlet_profile_h
#define noxflow_solver_flow_inlet_profile_h

#include <deal.II/base/function.h>
#include <deal.II/base/point.h>

#include <meshes/flat_boundary.h>

#include <cmath>

namespace NOxFlow
{
  /**
   * @brief Inlet velocity along +x of mean @p mean_velocity across a channel
   * 0 <= y <= height (and 0 <= z <= width in 3D): uniform, or fully
   * developed laminar flow: the parallel-plate parabola in 2D, the
   * rectangular-duct series solution in 3D (White, Viscous Fluid Flow,
   * eq. 3-48), so that a computed flow enters already developed.
   */
  template <int dim>
  class ChannelInletProfile : public dealii::Function<dim>
  {
  public:
    ChannelInletProfile(const bool   developed,
                        const double mean_velocity,
                        const double height,
                        const double width)
      : dealii::Function<dim>(dim)
      , developed(developed)
      , mean_velocity(mean_velocity)
      , height(height)
      , width(width)
      , shape_mean(developed ? mean_of_shape() : 1.)
    {}

    double
    value(const dealii::Point<dim> &p,
          const unsigned int        component) const override
    {
      if (component != 0)
        return 0.;
      if (!developed)
        return mean_velocity;
      return mean_velocity * shape(p) / shape_mean;
    }

  private:
    static constexpr unsigned int n_terms = 41; // odd terms n = 1..81

    /// Unscaled profile: y (h - y) in 2D; the duct series in 3D.
    double
    shape(const dealii::Point<dim> &p) const
    {
      if (dim == 2)
        return p[1] * (height - p[1]);
      double       sum = 0.;
      const double z   = p[dim - 1] - width / 2.;
      for (unsigned int k = 0; k < n_terms; ++k)
        {
          const double n = 2. * k + 1.;
          const double a = n * M_PI / height;
          // cosh(a z) / cosh(a w/2), written without overflow.
          const double ratio = std::exp(a * (std::abs(z) - width / 2.)) *
                               (1. + std::exp(-2. * a * std::abs(z))) /
                               (1. + std::exp(-a * width));
          sum += 8. * height * height / (std::pow(M_PI * n, 3)) * (1. - ratio) *
                 std::sin(a * p[1]);
        }
      return sum;
    }

    /// Cross-section mean of shape().
    double
    mean_of_shape() const
    {
      if (dim == 2)
        return height * height / 6.;
      double sum = 0.;
      for (unsigned int k = 0; k < n_terms; ++k)
        {
          const double n = 2. * k + 1.;
          const double a = n * M_PI / height;
          sum += 8. * height * height / std::pow(M_PI * n, 3) * 2. /
                 (n * M_PI) *
                 (1. - 2. / (a * width) * std::tanh(a * width / 2.));
        }
      return sum;
    }

    const bool   developed;
    const double mean_velocity, height, width;
    const double shape_mean;
  };

  /**
   * @brief ChannelInletProfile across a Meshes::FlatBoundary: the face's first
   * transverse extent plays the channel height, the second (3D) the width;
   * the velocity points inward along the face normal.
   */
  template <int dim>
  class FaceInletProfile : public dealii::Function<dim>
  {
  public:
    FaceInletProfile(const bool                       developed,
                     const double                     mean_velocity,
                     const Meshes::FlatBoundary<dim> &face)
      : dealii::Function<dim>(dim)
      , face(face)
      , channel(developed,
                mean_velocity,
                face.extent(0),
                dim == 3 ? face.extent(1) : 1.)
    {}

    double
    value(const dealii::Point<dim> &p,
          const unsigned int        component) const override
    {
      if (component != face.axis)
        return 0.;
      dealii::Point<dim> local;
      for (unsigned int k = 0; k + 1 < dim; ++k)
        {
          const unsigned int a = (face.axis + 1 + k) % dim;
          local[k + 1]         = p[a] - face.lower[a];
        }
      return face.inward_sign * channel.value(local, 0);
    }

  private:
    const Meshes::FlatBoundary<dim> face;
    const ChannelInletProfile<dim>  channel;
  };
} // namespace NOxFlow

#endif
