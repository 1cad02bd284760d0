#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/parameter_list.h>
#include <solver/flow/flow_settings.h>

namespace NOxFlow
{
  using namespace dealii;

  void
  FlowSettings::declare_parameters(ParameterHandler               &prm,
                                   const std::vector<std::string> &porous)
  {
    prm.declare_entry(
      "Model",
      "prescribed",
      Patterns::Selection("prescribed|stokes|navier-stokes"),
      "prescribed: the velocity profile below; stokes or navier-stokes: the flow is computed on the mesh first (Taylor-Hood Q2/Q1, Brinkman or Darcy in porous media) and then carries the species.");
    prm.declare_entry(
      "Velocity profile",
      "poiseuille",
      Patterns::Selection("none|uniform|poiseuille"),
      "Prescribed velocity along x: none, uniform, or the parallel-plate Poiseuille profile across the channel height. For a computed flow, the inlet profile: uniform, or fully developed (poiseuille; the rectangular-duct profile in 3D).");
    prm.declare_entry("Mean velocity",
                      "0",
                      Patterns::Double(),
                      "Mean velocity along x, m/s.");
    prm.declare_entry(
      "Inlet flow rate",
      "0",
      Patterns::Double(0.),
      "Volumetric flow rate through the inlets, mL/min; replaces the mean velocity when > 0 (2D cases take the channel width as depth).");
    prm.declare_entry("Density",
                      "997",
                      Patterns::Double(0.),
                      "Electrolyte density, kg/m3.");
    prm.declare_entry("Viscosity",
                      "8.9e-4",
                      Patterns::Double(0.),
                      "Dynamic viscosity at 25 C, Pa s; at "
                      "Operation/Temperature it follows water's.");
    prm.declare_entry("Inlet boundaries",
                      "inlet",
                      Patterns::Anything(),
                      "Boundaries where the inlet velocity profile is held.");
    prm.declare_entry(
      "Outlet boundaries",
      "outlet",
      Patterns::Anything(),
      "Boundaries with the outlet pressure (traction-free otherwise).");
    prm.declare_entry("Outlet pressure",
                      "0",
                      Patterns::Double(),
                      "Gauge pressure at the outlets, Pa.");
    prm.declare_entry(
      "Symmetry boundaries",
      "",
      Patterns::Anything(),
      "Symmetry planes (no normal flow, no shear). All other boundaries are no-slip walls.");
    prm.declare_entry("Linear tolerance",
                      "1e-8",
                      Patterns::Double(0., 1.),
                      "FGMRES relative tolerance of each flow Newton step.");
    prm.declare_entry(
      "Velocity solver",
      "auto",
      Patterns::Selection("auto|direct|low-order amg"),
      "Inverse of the velocity block in the flow's preconditioner: 'direct' "
      "(MUMPS LU of the Q2 block; memory grows fast in 3D), 'low-order amg' "
      "(one BoomerAMG V-cycle on the velocity operator discretised on the "
      "Q1 sub-cells, memory linear in size), or 'auto': direct up to 400k "
      "velocity DoFs in 2D and 250k in 3D, low-order amg above.");
    prm.declare_entry("Maximum Newton iterations",
                      "25",
                      Patterns::Integer(1),
                      "Newton steps per inertia (Reynolds) step.");
    prm.declare_entry(
      "Coarser mesh levels",
      "0",
      Patterns::Integer(0, 10),
      "Solve the flow on the case's mesh with this many fewer global "
      "refinements than the transport, and carry it up exactly (Q2/Q1 is "
      "nested). Q2 velocity on a mesh has the node spacing of the Q1 "
      "transport on its refinement, so 1 keeps the resolution the transport "
      "sees at 1/4 (2D) or 1/8 (3D) of the flow DoFs; at most "
      "Geometry/Global refinements.");

    prm.enter_subsection("Porous media");
    prm.declare_entry(
      "Names",
      "",
      Patterns::Anything(),
      "Porous media (GDL, felt, foam, ...); each gets a subsection of its own name.");
    for (const auto &name : porous)
      {
        prm.enter_subsection(name);
        prm.declare_entry("Regions",
                          "",
                          Patterns::Anything(),
                          "Mesh regions (material names) this medium fills.");
        prm.declare_entry("Porosity",
                          "0.8",
                          Patterns::Double(),
                          "Pore volume fraction, in (0, 1].");
        prm.declare_entry(
          "Permeability",
          "1e-11",
          Patterns::Anything(),
          "m2: one value (isotropic) or one per axis x, y[, z] (e.g. a GDL's in-plane and through-plane values).");
        prm.declare_entry(
          "Flow law",
          "brinkman",
          Patterns::Selection("brinkman|darcy"),
          "brinkman (Darcy plus viscous and inertial terms) or darcy.");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  std::vector<std::string>
  FlowSettings::parse_porous_names(ParameterHandler &prm)
  {
    prm.enter_subsection("Porous media");
    const auto names = parameter_list(prm.get("Names"));
    prm.leave_subsection();
    return names;
  }

  void
  FlowSettings::parse_parameters(ParameterHandler &prm)
  {
    model                 = prm.get("Model");
    velocity_profile      = prm.get("Velocity profile");
    mean_velocity         = prm.get_double("Mean velocity");
    flow_rate             = prm.get_double("Inlet flow rate");
    fluid.density         = prm.get_double("Density");
    fluid.viscosity       = prm.get_double("Viscosity");
    inlet_boundaries      = parameter_list(prm.get("Inlet boundaries"));
    outlet_boundaries     = parameter_list(prm.get("Outlet boundaries"));
    outlet_pressure       = prm.get_double("Outlet pressure");
    symmetry_boundaries   = parameter_list(prm.get("Symmetry boundaries"));
    linear_tolerance      = prm.get_double("Linear tolerance");
    max_newton_iterations = prm.get_integer("Maximum Newton iterations");
    velocity_solver       = prm.get("Velocity solver");
    coarser_mesh_levels   = prm.get_integer("Coarser mesh levels");

    porous_media.clear();
    prm.enter_subsection("Porous media");
    for (const auto &name : parameter_list(prm.get("Names")))
      {
        prm.enter_subsection(name);
        PorousMediumSettings p;
        p.name                   = name;
        p.regions                = parameter_list(prm.get("Regions"));
        p.medium.porosity        = prm.get_double("Porosity");
        p.medium.brinkman        = prm.get("Flow law") == "brinkman";
        const auto        values = parameter_list(prm.get("Permeability"));
        const std::string path = "Flow/Porous media/" + name + "/Permeability";
        if (values.empty() || values.size() > 3)
          throw_input_error(path,
                            prm.get("Permeability"),
                            "give one value in m2, or one per axis x, y[, z].");
        for (unsigned int d = 0; d < 3; ++d)
          {
            // A missing z value is in-plane, like x.
            const std::string &v = values[d < values.size() ? d : 0];
            const auto         k = strict_number(v);
            if (!k)
              throw_input_error(path, v, "give a number in m2, e.g. 1e-12.");
            p.medium.permeability[d] = *k;
          }
        porous_media.push_back(p);
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }

  void
  FlowSettings::check(const unsigned int dim) const
  {
    if (mean_velocity < 0.)
      throw_input_error("Flow/Mean velocity",
                        mean_velocity,
                        "the flow runs along +x; give a velocity >= 0 m/s.");
    if (!computed())
      return;
    if (mean_velocity <= 0. && flow_rate <= 0.)
      throw_input_error("Flow/Mean velocity",
                        mean_velocity,
                        "a computed flow needs a positive 'Mean velocity' "
                        "(m/s) or 'Inlet flow rate' (mL/min).");
    if (velocity_profile == "none")
      throw_input_error("Flow/Velocity profile",
                        velocity_profile,
                        "a computed flow needs an inlet profile: uniform or "
                        "poiseuille.");
    if (inlet_boundaries.empty())
      throw_input_error("Flow/Inlet boundaries",
                        "",
                        "name at least one inlet boundary.");
    for (const auto &p : porous_media)
      {
        p.medium.check("Flow/Porous media/" + p.name, dim);
        if (p.regions.empty())
          throw_input_error("Flow/Porous media/" + p.name + "/Regions",
                            "",
                            "name the mesh regions this medium fills.");
      }
  }
} // namespace NOxFlow
