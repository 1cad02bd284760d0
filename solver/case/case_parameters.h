#ifndef noxflow_solver_case_case_parameters_h
#define noxflow_solver_case_case_parameters_h

#include <physics/chemistry/homogeneous_reaction.h>
#include <physics/electrolyte.h>
#include <physics/kinetics/electrode_reaction.h>
#include <solver/case/case_geometry.h>
#include <solver/case/electrolyte_regions.h>
#include <solver/case/gas_phase_settings.h>
#include <solver/flow/flow_settings.h>
#include <solver/nonlinear/continuation_settings.h>
#include <solver/nonlinear/linear_solver_settings.h>
#include <solver/nonlinear/newton_settings.h>
#include <solver/output/product_settings.h>
#include <solver/transport/mesh_adaptation_settings.h>

#include <map>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  /// An electrode: a named boundary held at a metal potential.
  struct ElectrodeSettings
  {
    std::string name;
    /// -1 for a cathode (reductions, negative current), +1 for an anode.
    int polarity = -1;
    /// Metal potential phi_s, V, where it is prescribed.
    double potential = 0.;
    /// Porous electrode: the regions it fills (empty: a surface electrode
    /// on its boundary), interface per volume (1/m; per region where
    /// region_specific_areas names it, e.g. 0 in a GDL that only conducts)
    /// and effective solid conductivity (S/m).
    std::vector<std::string>      porous_regions;
    double                        specific_area = 1e5;
    std::map<std::string, double> region_specific_areas;
    double                        solid_conductivity = 1000.;
    /// Boundary of the electrode: its surface, or for a porous electrode
    /// its current collector ("" means the boundary named like the
    /// electrode).
    std::string current_collector;

    const std::string &
    boundary() const
    {
      return current_collector.empty() ? name : current_collector;
    }
  };

  /// How the cell is driven and the operating points to reach.
  struct OperationSettings
  {
    bool        galvanostatic = true;
    std::string working_electrode;
    /// Galvanostatic: |current density| at the working electrode, mA/cm2;
    /// potentiostatic: potential of the working electrode, V.
    std::vector<double> targets;
    /// Temperature of the cell (isothermal), K.
    double temperature = 298.15;
  };

  /**
   * @brief Everything a case file says, parsed and checked.
   *
   * Reading takes two passes: the first reads the lists of names (species,
   * electrodes, reactions), the second declares one subsection per name
   * and reads everything strictly, so an unknown parameter is an error.
   */
  struct CaseParameters
  {
    unsigned int           dimension          = 2;
    unsigned int           global_refinements = 0;
    CaseGeometry           geometry;
    MeshAdaptationSettings mesh_adaptation;

    FlowSettings flow;

    Physics::Electrolyte                      electrolyte;
    std::vector<ElectrodeSettings>            electrodes;
    std::vector<Physics::ElectrodeReaction>   reactions;
    std::vector<Physics::HomogeneousReaction> homogeneous_reactions;
    std::vector<MembraneSettings>             membranes;
    /// Gases fed through porous layers (gas-diffusion electrodes).
    GasPhaseSettings gas_phase;
    /// Reactant, products and nitrogen atoms for the product outputs.
    ProductSettings products;

    std::vector<std::string> concentration_boundaries;
    std::vector<std::string> potential_reference_boundaries;
    bool                     stabilization = true;
    /// Discretization/Scheme = scharfetter-gummel (the default).
    bool edge_fluxes = true;
    /// Discretization/Species interpolation = logarithmic.
    bool logarithmic_species = false;
    /// Discretization/Species unknowns = logarithmic (the logarithmic
    /// interpolation implies it: NernstPlanckModel::has_logarithmic_unknowns).
    bool logarithmic_unknowns = false;

    OperationSettings    operation;
    ContinuationSettings continuation;
    NewtonSettings       newton;
    LinearSolverSettings linear_solver;

    std::string output_directory = "output";
    bool        write_fields     = true;
    /// What the run prints: "quiet" (one line per operating point),
    /// "normal" (set-up, points, tables; repeated warnings once per point)
    /// or "debug" (also every Newton iteration and attempt).
    std::string verbosity = "normal";
    /// Accepted operating points between checkpoints (0: targets only).
    unsigned int checkpoint_interval = 10;
    /// ParaView Catalyst pipeline script (empty: no in-situ output).
    std::string catalyst_script;
    /// Catalyst runs every this many accepted operating points, and at
    /// every target.
    unsigned int catalyst_every = 1;

    /// Puts the physics at operation.temperature (data at 25 C); once,
    /// after parsing.
    void
    set_temperature();

    /// Reads @p filename; throws InputError (with the fix) on bad input.
    void
    read(const std::string &filename);

    /// Declares every parameter, with one subsection per given name.
    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &species,
                       const std::vector<std::string> &electrodes,
                       const std::vector<std::string> &reactions,
                       const std::vector<std::string> &porous_media = {},
                       const std::vector<std::string> &homogeneous  = {},
                       const std::vector<std::string> &membranes    = {});

    /// Reads everything from a handler filled by declare_parameters.
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// The handler of the last read(), to echo the parameters used.
    std::string parameters_used;

    unsigned int
    electrode_index(const std::string &name,
                    const std::string &parameter) const;

    /// Checks names against the geometry's boundaries.
    void
    check_boundaries(const Meshes::NamedBoundaries &boundaries) const;
  };
} // namespace NOxFlow

#endif
