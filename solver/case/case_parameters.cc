#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <physics/input_error.h>
#include <physics/parameter_list.h>
#include <solver/case/case_includes.h>
#include <solver/case/case_parameters.h>
#include <solver/case/plausible_ranges.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// deal.II reports its parameter errors as exceptions; users get only
    /// the part that explains the input error, on one line, with the line
    /// of the file they wrote.
    [[noreturn]] void
    rethrow_as_input_error(const ExceptionBase &e, const CaseText &case_text)
    {
      std::ostringstream info;
      e.print_info(info);
      std::string             text = info.str();
      std::smatch             line;
      static const std::regex line_of_input(
        R"(Line <(\d+)> of file <input string>:?)");
      if (std::regex_search(text, line, line_of_input))
        text = line.prefix().str() +
               case_text.where(std::stoul(line[1].str())) + ":" +
               line.suffix().str();
      text =
        Utilities::trim(std::regex_replace(text, std::regex(R"(\s+)"), " "));
      while (!text.empty() && text.back() == '.')
        text.pop_back();
      throw InputError("Invalid case: " + text +
                       ". Fix: correct the entry; 'noxflow --print-parameters' "
                       "lists every parameter with its unit and range.");
    }

    /// deal.II skips the pattern check of values with braces (its syntax
    /// for parameter alternatives), so they are refused here.
    void
    refuse_braces(const CaseText &case_text)
    {
      std::istringstream in(case_text.text);
      std::string        line;
      for (unsigned int number = 1; std::getline(in, line); ++number)
        {
          const std::string code = line.substr(0, line.find('#'));
          if (code.find_first_of("{}") != std::string::npos)
            throw InputError(
              "Invalid case: " + case_text.where(number) + ": '" +
              Utilities::trim(code) +
              "': braces are not allowed in case files. Fix: give one "
              "plain value (for several values, use a sweep: "
              "cluster/noxflow-sweep).");
        }
    }

    /// Names of the subsections directly inside @p path in the case text,
    /// added to @p names: a preset may define entries (a reaction, a
    /// species) that the including case then leaves out of its Names list.
    void
    add_subsections_of(const std::string              &text,
                       const std::vector<std::string> &path,
                       std::vector<std::string>       &names)
    {
      std::istringstream       in(text);
      std::vector<std::string> stack;
      std::string              line;
      while (std::getline(in, line))
        {
          std::istringstream words(line.substr(0, line.find('#')));
          std::string        keyword;
          words >> keyword;
          if (keyword == "subsection")
            {
              std::string name;
              std::getline(words >> std::ws, name);
              while (!name.empty() && std::isspace(name.back()))
                name.pop_back();
              if (stack == path &&
                  std::find(names.begin(), names.end(), name) == names.end())
                names.push_back(name);
              stack.push_back(name);
            }
          else if (keyword == "end" && !stack.empty())
            stack.pop_back();
        }
    }
  } // namespace

  namespace
  {
    void
    declare_electrodes(ParameterHandler               &prm,
                       const std::vector<std::string> &electrode_names)
    {
      prm.enter_subsection("Electrodes");
      prm.declare_entry(
        "Names",
        "",
        Patterns::List(Patterns::Anything()),
        "Electrodes, each a named boundary of the geometry; each gets a subsection of its own name.");
      for (const auto &name : electrode_names)
        {
          prm.enter_subsection(name);
          prm.declare_entry(
            "Polarity",
            "cathode",
            Patterns::Selection("cathode|anode"),
            "cathode (net reduction) or anode (net oxidation).");
          prm.declare_entry(
            "Potential",
            "0",
            Patterns::Double(),
            "Metal potential phi_s, V; fixed unless this is the galvanostatic working electrode.");
          prm.declare_entry(
            "Porous regions",
            "",
            Patterns::List(Patterns::Anything()),
            "Mesh regions of a porous electrode (felt, foam, catalyst layer): "
            "its reactions run in their volume and its boundary (Current "
            "collector) is where the current leaves the solid. Empty: "
            "reactions on the boundary surface.");
          prm.declare_entry(
            "Current collector",
            "",
            Patterns::Anything(),
            "Porous electrode: the boundary where the current leaves the "
            "solid (a plate, the back of a GDL, a feeder mesh that may also "
            "be an inlet). Empty: the boundary named like the electrode.");
          prm.declare_entry(
            "Specific surface area",
            "1e5",
            Patterns::Anything(),
            "Porous electrode: interface per volume a_v, 1/m (> 0): one value "
            "for all its regions, or one per region, e.g. "
            "'catalyst_layer: 1e7, gdl: 0' (a region with 0 only conducts).");
          prm.declare_entry("Solid conductivity",
                            "1000",
                            Patterns::Double(),
                            "Porous electrode: effective conductivity of the "
                            "solid phase, S/m (> 0).");
          prm.leave_subsection();
        }
      prm.leave_subsection();
    }

    /// Discretization, Operation, Continuation, Newton and Linear solver.
    void
    declare_numerics(ParameterHandler &prm)
    {
      prm.enter_subsection("Discretization");
      prm.declare_entry(
        "Stabilization",
        "true",
        Patterns::Bool(),
        "SUPG stabilisation of advection under Scheme = galerkin; needed at cell Peclet numbers above 1 (unused by the edge fluxes).");
      prm.declare_entry(
        "Species interpolation",
        "linear",
        Patterns::Selection("linear|logarithmic"),
        "Species inside a cell from their nodal values: linear (Q1), or logarithmic (c = exp of the Q1 interpolant of ln c: every concentration positive by construction, equilibria exact at every point; implies logarithmic unknowns; underestimates fluxes into a depleted surface on coarse meshes).");
      prm.declare_entry(
        "Scheme",
        "scharfetter-gummel",
        Patterns::Selection("galerkin|scharfetter-gummel"),
        "Diffusion, migration and advection: scharfetter-gummel (exponentially fitted fluxes along the cell edges, the box method: an M-matrix at any cell Peclet number, so no concentration falls below zero; needs rectangular or box cells), or galerkin (Q1, with SUPG if Stabilization is on: second order at any Peclet number, but undershoots in thin layers on coarse meshes).");
      prm.declare_entry(
        "Species unknowns",
        "totals",
        Patterns::Selection("totals|logarithmic"),
        "The nodal unknowns of the species: the component totals T, or logarithmic (T below 1e-3 c_ref as ln T: every nodal concentration positive for any unknowns, Newton steps limited to a factor e^5 per species and node). With linear interpolation the species inside a cell stay positive as well.");
      prm.leave_subsection();

      prm.enter_subsection("Operation");
      prm.declare_entry(
        "Mode",
        "galvanostatic",
        Patterns::Selection("galvanostatic|potentiostatic"),
        "galvanostatic: the working electrode's current is prescribed and its potential solved for; potentiostatic: its potential is prescribed.");
      prm.declare_entry(
        "Working electrode",
        "",
        Patterns::Anything(),
        "The electrode whose current (galvanostatic) or potential (potentiostatic) is stepped.");
      prm.declare_entry(
        "Targets",
        "",
        Patterns::List(Patterns::Double()),
        "Operating points, in order: |current density| in mA/cm2 (galvanostatic) or working-electrode potential in V (potentiostatic). Fields are written at each.");
      prm.declare_entry(
        "Temperature",
        "298.15",
        Patterns::Double(),
        "Temperature of the cell (isothermal), K. Data are given at 25 C and follow it: RT/F, diffusivities (their Diffusivity activation energy, else Stokes-Einstein with water's viscosity), the concentrated-solution correction, the flow's viscosity, equilibrium constants (Reaction enthalpy), equilibrium potentials (their temperature coefficients) and exchange current densities (their Activation energy).");
      prm.leave_subsection();

      prm.enter_subsection("Continuation");
      prm.declare_entry(
        "Start fraction",
        "0.01",
        Patterns::Double(1e-8, 1.),
        "The ramp starts at this fraction of the first target (galvanostatic).");
      prm.declare_entry(
        "Initial step",
        "0.05",
        Patterns::Double(1e-8, 1.),
        "First step as a fraction of the distance to the next target.");
      prm.declare_entry(
        "Minimum step",
        "1e-4",
        Patterns::Double(1e-12, 1.),
        "Smallest step (fraction of the first target) before the run stops as failed.");
      prm.declare_entry("Growth factor",
                        "2",
                        Patterns::Double(1., 10.),
                        "Step growth after an easy step.");
      prm.declare_entry(
        "Easy Newton iterations",
        "5",
        Patterns::Integer(1),
        "A step that converged within this many Newton iterations lets the next step grow.");
      prm.leave_subsection();

      prm.enter_subsection("Newton");
      prm.declare_entry(
        "Maximum iterations",
        "30",
        Patterns::Integer(1),
        "Newton iterations per continuation step before it is cut back.");
      prm.declare_entry(
        "Update tolerance",
        "1e-7",
        Patterns::Double(0.),
        "Converged only when the state's remaining error is below this (concentrations relative to the reference concentration, potentials in RT/F; the next Newton update, or its estimate from the contraction of the last two full steps) and the residual is below 'Residual tolerance'.");
      prm.declare_entry(
        "Residual tolerance",
        "1e-9",
        Patterns::Double(0.),
        "Converged only when the 2-norm of the scaled residual (species rows in units of D_ref c_ref, the current constraint relative to the target) is at most this, in absolute terms, or at most its round-off level where that is higher (machine epsilon times the 2-norm of the rows' sums of |J_ij u_j|: a pure gas in a GDL conducts 1e8 times more than the electrolyte, and its rows stay near 2e-9).");
      prm.declare_entry(
        "Balance tolerance",
        "1e-10",
        Patterns::Double(0.),
        "A converged point is accepted only if its charge balance and every species balance (relative) close to this; otherwise Newton iterates further or the step is cut.");
      prm.declare_entry(
        "Maximum potential step",
        "20",
        Patterns::Double(0.),
        "Largest potential change in one Newton update, in RT/F (about 25.7 mV); larger updates are damped.");
      prm.leave_subsection();

      prm.enter_subsection("Linear solver");
      prm.declare_entry("Type",
                        "auto",
                        Patterns::Selection("auto|iterative|direct"),
                        "iterative: FGMRES with a multiplicative field split "
                        "(BoomerAMG per species, see Species AMG; tuned "
                        "BoomerAMG for the potentials); direct: FGMRES on a "
                        "MUMPS LU factorisation, kept for a Newton solve's "
                        "later steps while FGMRES needs at most 3 iterations "
                        "with it (to at most 1e-6 relative); "
                        "auto: direct up to "
                        "'Direct solver limit' DoFs, iterative above, and "
                        "direct on an adapted mesh (Mesh adaptation), whose "
                        "hanging nodes the field split's AMG does not take.");
      prm.declare_entry("Direct solver limit",
                        "25000",
                        Patterns::Integer(0),
                        "With Type = auto, the largest problem (DoFs) solved "
                        "with MUMPS; on one core MUMPS beats the iterative "
                        "solver on 2D problems up to about this size.");
      prm.declare_entry(
        "Species AMG",
        "auto",
        Patterns::Selection("auto|air|classical"),
        "BoomerAMG of each species block in the iterative solver: air "
        "(approximate-ideal restriction, for advection-dominated blocks), "
        "classical, or auto: classical in cells with porous electrodes "
        "(their volume kinetics and membranes; on the 2D zero-gap cell at "
        "170k DoFs 27 Krylov iterations per Newton step against 90 with "
        "air); otherwise air in 3D and in 2D up to 300k DoFs, classical "
        "above (finer cells make the blocks diffusion-dominated; on the 2D "
        "channel at 2.3M DoFs 25 Krylov iterations per Newton step against "
        "47 with air).");
      prm.declare_entry(
        "Relative tolerance",
        "1e-4",
        Patterns::Double(0., 1.),
        "Largest Krylov relative tolerance of a Newton step (inexact Newton): a step at scaled residual r solves to min(this, 0.1 r), which keeps Newton quadratic; the Newton tolerance decides the accuracy.");
      prm.declare_entry("Maximum iterations",
                        "1000",
                        Patterns::Integer(1),
                        "Krylov iterations before the solve counts as failed.");
      prm.declare_entry(
        "PETSc options",
        "",
        Patterns::Anything(),
        "Extra PETSc options, e.g. '-ksp_monitor -fieldsplit_phi_pc_type ml'; command-line PETSc options work too.");
      prm.leave_subsection();
    }

    void
    declare_output(ParameterHandler &prm)
    {
      prm.enter_subsection("Output");
      prm.declare_entry(
        "Directory",
        "output",
        Patterns::Anything(),
        "Folder of this run (created; relative to the working directory). The command-line option --output overrides it.");
      prm.declare_entry("Write fields",
                        "true",
                        Patterns::Bool(),
                        "Write HDF5/XDMF fields at each target.");
      prm.declare_entry(
        "Verbosity",
        "normal",
        Patterns::Selection("quiet|normal|debug"),
        "What the run prints (and writes to run.log): quiet: one line per operating point; normal: also set-up, result tables and warnings (once per point); debug: also every Newton iteration and attempt. The command-line option --verbosity overrides it.");
      prm.declare_entry(
        "Checkpoint interval",
        "10",
        Patterns::Integer(0),
        "Write a checkpoint (for --restart) every this many accepted operating points and at every target; 0: only at targets. A SIGTERM or SIGUSR1 also checkpoints and stops the run after the current point.");
      prm.declare_entry(
        "Catalyst script",
        "",
        Patterns::Anything(),
        "ParaView Catalyst (V2) Python script run in situ, e.g. postproc/catalyst/extracts.py (relative to the working directory); its extracts go into the run folder. Empty: no Catalyst. Needs NOxFlow built with NOXFLOW_WITH_CATALYST.");
      prm.declare_entry(
        "Catalyst every",
        "1",
        Patterns::Integer(1),
        "Hand the fields to Catalyst every this many accepted operating points (continuation steps), and at every target.");
      prm.leave_subsection();
    }
  } // namespace

  void
  CaseParameters::declare_parameters(
    ParameterHandler               &prm,
    const std::vector<std::string> &species,
    const std::vector<std::string> &electrode_names,
    const std::vector<std::string> &reaction_names,
    const std::vector<std::string> &porous_media,
    const std::vector<std::string> &homogeneous_reactions,
    const std::vector<std::string> &membranes)
  {
    prm.enter_subsection("Geometry");
    prm.declare_entry("Dimension",
                      "2",
                      Patterns::Integer(2, 3),
                      "Space dimension, 2 or 3.");
    prm.declare_entry(
      "Global refinements",
      "0",
      Patterns::Integer(0, 10),
      "Uniform refinements of the coarse mesh (each halves every cell).");
    CaseGeometry::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Mesh adaptation");
    MeshAdaptationSettings::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Gas phase");
    GasPhaseSettings::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Flow");
    FlowSettings::declare_parameters(prm, porous_media);
    prm.leave_subsection();

    Physics::Electrolyte::declare_parameters(prm, species);

    declare_electrodes(prm, electrode_names);

    Physics::ElectrodeReaction::declare_parameters(prm, reaction_names);
    Physics::HomogeneousReaction::declare_parameters(prm,
                                                     homogeneous_reactions);
    MembraneSettings::declare_parameters(prm, membranes);
    ProductSettings::declare_parameters(prm);

    prm.enter_subsection("Boundary conditions");
    prm.declare_entry(
      "Concentration boundaries",
      "inlet",
      Patterns::List(Patterns::Anything()),
      "Boundaries held at the inlet concentrations (inlets, bulk).");
    prm.declare_entry(
      "Potential reference boundaries",
      "",
      Patterns::List(Patterns::Anything()),
      "Boundaries where the electrolyte potential is 0 V (a reference electrode in the bulk); usually empty.");
    prm.leave_subsection();

    declare_numerics(prm);

    declare_output(prm);
  }

  void
  CaseParameters::read(const std::string &filename)
  {
    const CaseText case_text = read_case_text(filename);
    refuse_braces(case_text);
    const std::string       &text = case_text.text;
    std::vector<std::string> species, electrode_names, reaction_names,
      porous_names, homogeneous_names, membrane_names;
    try
      {
        ParameterHandler names_pass;
        declare_parameters(names_pass, {}, {}, {});
        names_pass.parse_input_from_string(text, "", true);
        species = Physics::Electrolyte::parse_species_names(names_pass);
        reaction_names =
          Physics::ElectrodeReaction::parse_reaction_names(names_pass);
        names_pass.enter_subsection("Electrodes");
        electrode_names = parameter_list(names_pass.get("Names"));
        names_pass.leave_subsection();
        names_pass.enter_subsection("Flow");
        porous_names = FlowSettings::parse_porous_names(names_pass);
        names_pass.leave_subsection();
        homogeneous_names =
          Physics::HomogeneousReaction::parse_names(names_pass);
        membrane_names = MembraneSettings::parse_names(names_pass);
        add_subsections_of(text, {"Membranes"}, membrane_names);
        add_subsections_of(text, {"Species"}, species);
        add_subsections_of(text, {"Electrode reactions"}, reaction_names);
        add_subsections_of(text, {"Electrodes"}, electrode_names);
        add_subsections_of(text, {"Homogeneous reactions"}, homogeneous_names);
        add_subsections_of(text, {"Flow", "Porous media"}, porous_names);
      }
    catch (const ExceptionBase &e)
      {
        rethrow_as_input_error(e, case_text);
      }

    ParameterHandler prm;
    declare_parameters(prm,
                       species,
                       electrode_names,
                       reaction_names,
                       porous_names,
                       homogeneous_names,
                       membrane_names);
    try
      {
        prm.parse_input_from_string(text);
      }
    catch (const ExceptionBase &e)
      {
        rethrow_as_input_error(e, case_text);
      }
    // The specific checks of each entry first, then the plausible ranges.
    // A value that passes its pattern may still not convert (a subnormal
    // such as 1e-308 sets ERANGE): deal.II's error becomes an input error.
    try
      {
        parse_parameters(prm);
      }
    catch (const ExceptionBase &e)
      {
        rethrow_as_input_error(e, case_text);
      }
    std::ostringstream used;
    prm.print_parameters(used, ParameterHandler::PRM);
    parameters_used = used.str();
    check_plausible_ranges(parameters_used);
  }

  namespace
  {
    /// "1e7" for every porous region, or "region: a_v, ..." per region.
    void
    parse_specific_area(const std::string &text, ElectrodeSettings &e)
    {
      const std::string entry =
        "Electrodes/" + e.name + "/Specific surface area";
      const auto number = [&](const std::string &value) {
        try
          {
            std::size_t  end = 0;
            const double v   = std::stod(value, &end);
            if (end == value.size())
              return v;
          }
        catch (const std::exception &)
          {}
        throw_input_error(entry, value, "give a number in 1/m.");
      };
      if (text.find(':') == std::string::npos)
        {
          e.specific_area = number(Utilities::trim(text));
          if (!e.porous_regions.empty() && !(e.specific_area > 0.))
            throw_input_error(entry,
                              e.specific_area,
                              "a porous electrode needs a positive value.");
          return;
        }
      for (const auto &item : parameter_list(text))
        {
          const auto pair = Utilities::split_string_list(item, ':');
          if (pair.size() != 2 || std::find(e.porous_regions.begin(),
                                            e.porous_regions.end(),
                                            pair[0]) == e.porous_regions.end())
            throw_input_error(entry,
                              item,
                              "write 'region: value' for regions listed in "
                              "Porous regions.");
          const double a_v = number(pair[1]);
          if (!(a_v >= 0.))
            throw_input_error(entry, item, "areas must be >= 0.");
          e.region_specific_areas[pair[0]] = a_v;
        }
      for (const auto &region : e.porous_regions)
        if (!e.region_specific_areas.count(region))
          throw_input_error(entry,
                            text,
                            "give a value for every porous region; '" + region +
                              "' has none.");
      e.specific_area = 0.;
      for (const auto &[region, a_v] : e.region_specific_areas)
        e.specific_area = std::max(e.specific_area, a_v);
      if (!(e.specific_area > 0.))
        throw_input_error(entry, text, "at least one region must react.");
    }
  } // namespace

  void
  CaseParameters::set_temperature()
  {
    const double t = operation.temperature;
    if (!(t >= 253.15 && t <= 423.15))
      throw_input_error("Operation/Temperature",
                        t,
                        "give the temperature in K, between 253.15 and "
                        "423.15 (liquid electrolyte).");
    electrolyte.set_temperature(t);
    for (auto &r : reactions)
      r.set_temperature(t);
    for (auto &r : homogeneous_reactions)
      r.set_temperature(t);
    // Flow/Viscosity is given at 25 C; the electrolyte's follows water's.
    flow.fluid.viscosity *= Physics::Constants::water_viscosity(t) /
                            Physics::Constants::water_viscosity(298.15);
  }

  namespace
  {
    std::vector<ElectrodeSettings>
    parse_electrodes(ParameterHandler &prm)
    {
      std::vector<ElectrodeSettings> electrodes;
      prm.enter_subsection("Electrodes");
      for (const auto &name : parameter_list(prm.get("Names")))
        {
          prm.enter_subsection(name);
          ElectrodeSettings e;
          e.name               = name;
          e.polarity           = prm.get("Polarity") == "anode" ? 1 : -1;
          e.potential          = prm.get_double("Potential");
          e.porous_regions     = parameter_list(prm.get("Porous regions"));
          e.solid_conductivity = prm.get_double("Solid conductivity");
          e.current_collector  = prm.get("Current collector");
          parse_specific_area(prm.get("Specific surface area"), e);
          if (!e.porous_regions.empty() && !(e.solid_conductivity > 0.))
            throw_input_error("Electrodes/" + name + "/Solid conductivity",
                              e.solid_conductivity,
                              "a porous electrode needs a positive value.");
          electrodes.push_back(e);
          prm.leave_subsection();
        }
      prm.leave_subsection();
      return electrodes;
    }

    void
    parse_numerics(ParameterHandler     &prm,
                   ContinuationSettings &continuation,
                   NewtonSettings       &newton,
                   LinearSolverSettings &linear_solver)
    {
      prm.enter_subsection("Continuation");
      continuation.start_fraction = prm.get_double("Start fraction");
      continuation.initial_step   = prm.get_double("Initial step");
      continuation.minimum_step   = prm.get_double("Minimum step");
      continuation.growth         = prm.get_double("Growth factor");
      continuation.easy_newton    = prm.get_integer("Easy Newton iterations");
      prm.leave_subsection();

      prm.enter_subsection("Newton");
      newton.max_iterations     = prm.get_integer("Maximum iterations");
      newton.update_tolerance   = prm.get_double("Update tolerance");
      newton.residual_tolerance = prm.get_double("Residual tolerance");
      newton.balance_tolerance  = prm.get_double("Balance tolerance");
      newton.max_potential_step = prm.get_double("Maximum potential step");
      prm.leave_subsection();

      prm.enter_subsection("Linear solver");
      linear_solver.type               = prm.get("Type");
      linear_solver.direct_limit       = prm.get_integer("Direct solver limit");
      linear_solver.species_amg        = prm.get("Species AMG");
      linear_solver.relative_tolerance = prm.get_double("Relative tolerance");
      linear_solver.max_iterations     = prm.get_integer("Maximum iterations");
      linear_solver.petsc_options      = prm.get("PETSc options");
      prm.leave_subsection();
    }
  } // namespace

  void
  CaseParameters::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Geometry");
    dimension          = prm.get_integer("Dimension");
    global_refinements = prm.get_integer("Global refinements");
    geometry.parse_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Mesh adaptation");
    mesh_adaptation.parse_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Gas phase");
    gas_phase.parse_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Flow");
    flow.parse_parameters(prm);
    prm.leave_subsection();

    electrolyte.parse_parameters(prm);

    electrodes = parse_electrodes(prm);

    reactions.clear();
    for (const auto &name :
         Physics::ElectrodeReaction::parse_reaction_names(prm))
      {
        Physics::ElectrodeReaction reaction;
        reaction.parse_parameters(prm, name, electrolyte);
        // A couple on several electrodes (a redox mediator, a reference
        // reaction) is one entry in the case and one reaction per electrode
        // in the model, named <reaction>@<electrode> in the outputs.
        const auto on = Utilities::split_string_list(reaction.electrode, ',');
        for (const auto &electrode : on)
          {
            electrode_index(electrode,
                            "Electrode reactions/" + name + "/Electrode");
            if (std::count(on.begin(), on.end(), electrode) > 1)
              throw_input_error("Electrode reactions/" + name + "/Electrode",
                                reaction.electrode,
                                "name each electrode once.");
            reactions.push_back(reaction);
            reactions.back().electrode = electrode;
            if (on.size() > 1)
              reactions.back().name = name + "@" + electrode;
          }
      }

    homogeneous_reactions.clear();
    for (const auto &name : Physics::HomogeneousReaction::parse_names(prm))
      {
        homogeneous_reactions.emplace_back();
        homogeneous_reactions.back().parse_parameters(prm, name, electrolyte);
      }
    products.parse_parameters(prm, electrolyte);

    membranes.clear();
    for (const auto &name : MembraneSettings::parse_names(prm))
      {
        membranes.emplace_back();
        membranes.back().parse_parameters(prm, name);
      }

    prm.enter_subsection("Boundary conditions");
    concentration_boundaries =
      parameter_list(prm.get("Concentration boundaries"));
    potential_reference_boundaries =
      parameter_list(prm.get("Potential reference boundaries"));
    prm.leave_subsection();

    prm.enter_subsection("Discretization");
    stabilization        = prm.get_bool("Stabilization");
    edge_fluxes          = prm.get("Scheme") == "scharfetter-gummel";
    logarithmic_species  = prm.get("Species interpolation") == "logarithmic";
    logarithmic_unknowns = prm.get("Species unknowns") == "logarithmic";
    prm.leave_subsection();

    prm.enter_subsection("Operation");
    operation.galvanostatic     = prm.get("Mode") == "galvanostatic";
    operation.working_electrode = prm.get("Working electrode");
    operation.targets.clear();
    for (const auto &t : parameter_list(prm.get("Targets")))
      operation.targets.push_back(Utilities::string_to_double(t));
    operation.temperature = prm.get_double("Temperature");
    prm.leave_subsection();

    parse_numerics(prm, continuation, newton, linear_solver);
    // On an adapted mesh the edge fluxes, distributed from the hanging
    // nodes to their parents' nodes, are no M-matrix; the field split's
    // BoomerAMG failed there (SUBPC_ERROR on the coarse channel, with AIR
    // and with classical restriction alike).
    if (mesh_adaptation.enabled() && linear_solver.type == "auto")
      linear_solver.type = "direct";
    // The field split has no blocks for gas mole fractions yet.
    if (gas_phase.enabled() && linear_solver.type == "auto")
      linear_solver.type = "direct";

    prm.enter_subsection("Output");
    output_directory    = prm.get("Directory");
    write_fields        = prm.get_bool("Write fields");
    verbosity           = prm.get("Verbosity");
    checkpoint_interval = prm.get_integer("Checkpoint interval");
    catalyst_script     = prm.get("Catalyst script");
    catalyst_every      = prm.get_integer("Catalyst every");
    prm.leave_subsection();

    // Consistency of the whole case.
    if (!catalyst_script.empty())
      {
#ifndef NOXFLOW_WITH_CATALYST
        throw_input_error(
          "Output/Catalyst script",
          catalyst_script,
          "this noxflow was built without ParaView Catalyst; leave the "
          "parameter empty, or install paraview-dev and python3-paraview and "
          "reconfigure with cmake -DNOXFLOW_WITH_CATALYST=ON.");
#endif
        if (!std::ifstream(catalyst_script))
          throw_input_error("Output/Catalyst script",
                            catalyst_script,
                            "no such file; give the path of a Catalyst script "
                            "(relative to the working directory), e.g. "
                            "postproc/catalyst/extracts.py.");
      }
    if (electrodes.empty())
      throw_input_error("Electrodes/Names",
                        "",
                        "declare at least one electrode.");
    if (reactions.empty())
      throw_input_error("Electrode reactions/Names",
                        "",
                        "declare at least one electrode reaction.");
    const unsigned int working = electrode_index(operation.working_electrode,
                                                 "Operation/Working electrode");
    if (operation.targets.empty())
      throw_input_error("Operation/Targets",
                        "",
                        "give at least one operating point.");
    if (operation.galvanostatic)
      {
        for (unsigned int k = 0; k < operation.targets.size(); ++k)
          if (!(operation.targets[k] > 0.) ||
              (k > 0 && !(operation.targets[k] > operation.targets[k - 1])))
            throw_input_error("Operation/Targets",
                              operation.targets[k],
                              "galvanostatic targets are current densities in "
                              "mA/cm2, > 0 and increasing.");
        bool has_reaction = false;
        for (const auto &r : reactions)
          has_reaction |= r.electrode == electrodes[working].name;
        if (!has_reaction)
          throw_input_error("Operation/Working electrode",
                            operation.working_electrode,
                            "no reaction runs on this electrode; it cannot "
                            "carry a current.");
        // The current returns through a counter electrode or through
        // potential-reference boundaries (a bulk, a reference electrode).
        if (electrodes.size() < 2 && potential_reference_boundaries.empty())
          throw_input_error("Electrodes/Names",
                            electrodes[0].name,
                            "galvanostatic operation needs a counter "
                            "electrode, or Boundary conditions/Potential "
                            "reference boundaries, that closes the current.");
      }
    flow.check(dimension);
    mesh_adaptation.check();
    gas_phase.check(electrolyte, flow.porous_media);
    gas_phase.check_evolution(reactions, electrodes);
    if (gas_phase.enabled() && !edge_fluxes)
      throw_input_error("Discretization/Scheme",
                        "galerkin",
                        "the gas phase runs with the edge fluxes only (its "
                        "exchange has no SUPG part): use Scheme = "
                        "scharfetter-gummel.");
    if (gas_phase.enabled() && linear_solver.type == "iterative")
      throw_input_error("Linear solver/Type",
                        "iterative",
                        "the field split has no blocks for gas mole "
                        "fractions yet: use auto or direct.");
    set_temperature();
    if (flow.computed() && flow.coarser_mesh_levels > global_refinements)
      throw_input_error("Flow/Coarser mesh levels",
                        flow.coarser_mesh_levels,
                        "the flow mesh cannot be coarser than the case's "
                        "coarse mesh: use at most Geometry/Global "
                        "refinements = " +
                          std::to_string(global_refinements) + ".");
  }

  unsigned int
  CaseParameters::electrode_index(const std::string &name,
                                  const std::string &parameter) const
  {
    for (unsigned int i = 0; i < electrodes.size(); ++i)
      if (electrodes[i].name == name)
        return i;
    const std::string known =
      join_names(electrodes, [](const ElectrodeSettings &e) { return e.name; });
    throw_input_error(parameter,
                      name,
                      "no electrode of that name; declared electrodes: " +
                        known + ".");
  }

  void
  CaseParameters::check_boundaries(
    const Meshes::NamedBoundaries &boundaries) const
  {
    for (const auto &e : electrodes)
      boundaries.id(e.boundary(),
                    e.current_collector.empty() ?
                      "Electrodes/Names" :
                      "Electrodes/" + e.name + "/Current collector");
    for (const auto &b : concentration_boundaries)
      boundaries.id(b, "Boundary conditions/Concentration boundaries");
    for (const auto &b : potential_reference_boundaries)
      boundaries.id(b, "Boundary conditions/Potential reference boundaries");
    if (flow.computed())
      {
        for (const auto &b : flow.inlet_boundaries)
          boundaries.id(b, "Flow/Inlet boundaries");
        for (const auto &b : flow.outlet_boundaries)
          boundaries.id(b, "Flow/Outlet boundaries");
        for (const auto &b : flow.symmetry_boundaries)
          boundaries.id(b, "Flow/Symmetry boundaries");
      }
  }
} // namespace NOxFlow
