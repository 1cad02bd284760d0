#ifndef noxflow_physics_flow_porous_medium_h
#define noxflow_physics_flow_porous_medium_h

#include <physics/input_error.h>

#include <array>
#include <cmath>
#include <string>

namespace NOxFlow::Physics
{
  /// Water at 25 C (physics-brief section 2).
  struct Fluid
  {
    double density   = 997.;   ///< kg/m3
    double viscosity = 8.9e-4; ///< dynamic, Pa s
  };

  /**
   * @brief A porous layer (GDL, catalyst layer, foam, felt) seen by the
   * flow: porosity and a diagonal permeability tensor along the principal
   * axes x, y, z (GDLs differ in-plane and through-plane).
   *
   * Brinkman: rho/eps^2 (u.grad)u - div(mu/eps grad u) + mu K^-1 u + grad p
   * = 0 for the superficial velocity u. Darcy drops the inertia and viscous
   * terms (the limit of small permeability).
   */
  struct PorousMedium
  {
    double                porosity     = 1.;
    std::array<double, 3> permeability = {{1e-12, 1e-12, 1e-12}}; ///< m2
    bool                  brinkman     = true;

    /// Throws an InputError naming @p path (e.g. "Flow/Porous media/gdl")
    /// when a value is out of range.
    void
    check(const std::string &path, const unsigned int dim) const
    {
      if (!(porosity > 0. && porosity <= 1.))
        throw_input_error(path + "/Porosity",
                          porosity,
                          "the pore volume fraction must be in (0, 1].");
      for (unsigned int d = 0; d < dim; ++d)
        if (!(permeability[d] > 0.) || !std::isfinite(permeability[d]))
          throw_input_error(path + "/Permeability",
                            permeability[d],
                            "give a positive permeability in m2 (e.g. 1e-12 "
                            "for a GDL), one value or one per axis x, y[, z].");
    }
  };
} // namespace NOxFlow::Physics

#endif
