#ifndef noxflow_solver_flow_flow_settings_h
#define noxflow_solver_flow_flow_settings_h

#include <physics/flow/porous_medium.h>

#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  /// A porous medium of the case file and the mesh regions it fills.
  struct PorousMediumSettings
  {
    std::string              name;
    std::vector<std::string> regions;
    Physics::PorousMedium    medium;
  };

  /**
   * @brief The "Flow" subsection of a case file: a prescribed velocity, or
   * a computed Stokes / Navier-Stokes / Brinkman-Darcy flow with its
   * boundary conditions and porous media.
   */
  struct FlowSettings
  {
    /// "prescribed", "stokes" or "navier-stokes".
    std::string model            = "prescribed";
    std::string velocity_profile = "poiseuille";
    double      mean_velocity    = 0.;
    /// Volumetric inlet flow rate, mL/min (overrides the mean velocity when
    /// > 0; 2D cases use the channel width as depth).
    double flow_rate = 0.;

    Physics::Fluid                    fluid;
    std::vector<std::string>          inlet_boundaries    = {"inlet"};
    std::vector<std::string>          outlet_boundaries   = {"outlet"};
    std::vector<std::string>          symmetry_boundaries = {};
    double                            outlet_pressure     = 0.;
    std::vector<PorousMediumSettings> porous_media;

    double       linear_tolerance      = 1e-8;
    unsigned int max_newton_iterations = 25;
    /// "auto", "direct" or "low-order amg" (FlowVelocitySolver).
    std::string velocity_solver = "auto";
    /// Uniform refinements the flow mesh lies below the transport mesh.
    unsigned int coarser_mesh_levels = 0;

    bool
    computed() const
    {
      return model != "prescribed";
    }

    /// Declares the entries of subsection "Flow" (the caller enters it),
    /// with one subsection "Porous media/<name>" per name.
    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &porous_names);

    /// Names listed in "Porous media/Names" (the caller enters "Flow").
    static std::vector<std::string>
    parse_porous_names(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Throws an InputError naming the parameter for out-of-range values.
    void
    check(const unsigned int dim) const;
  };
} // namespace NOxFlow

#endif
