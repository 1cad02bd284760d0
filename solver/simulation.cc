#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>
#include <deal.II/grid/tria.h>

#include <meshes/box_cells.h>
#include <meshes/flat_boundary.h>
#include <physics/constants.h>
#include <physics/input_error.h>
#ifdef NOXFLOW_WITH_CATALYST
#  include <solver/catalyst/catalyst_adaptor.h>
#endif
#include <solver/base/version.h>
#include <solver/case/case_fingerprint.h>
#include <solver/case/flow_stage_from_case.h>
#include <solver/case/model_from_case.h>
#include <solver/flow/computed_flow.h>
#include <solver/nonlinear/continuation.h>
#include <solver/nonlinear/secant_predictor.h>
#include <solver/output/checkpoint.h>
#include <solver/output/field_output.h>
#include <solver/output/output_error.h>
#include <solver/output/product_outputs.h>
#include <solver/output/run_folder.h>
#include <solver/output/summary_table.h>
#include <solver/simulation.h>
#include <solver/stop_signal.h>
#include <solver/transport/gas_channel.h>
#include <solver/transport/mesh_adaptation.h>
#include <solver/transport/porous_distribution.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    constexpr double a_per_m2_per_ma_per_cm2 = 10.;

    /// Root of a decreasing function on [low, high] by bisection.
    template <typename F>
    double
    bisect_decreasing(const F &f, double low, double high)
    {
      for (unsigned int it = 0; it < 200 && high - low > 1e-10; ++it)
        {
          const double mid           = 0.5 * (low + high);
          (f(mid) > 0. ? low : high) = mid;
        }
      return 0.5 * (low + high);
    }
  } // namespace

  template <int dim>
  struct Simulation<dim>::Implementation
  {
    Implementation(const CaseParameters &prm,
                   const std::string    &output_directory,
                   const MPI_Comm        comm,
                   std::ostream         &log_stream,
                   const bool            restart,
                   const bool            check_only = false);

    void
    check_restart_matches_case() const;
    void
    stop_if_requested() const;
    void
    build_mesh();
    void
    build_model();
    void
    initial_state();
    NewtonReport
    solve_at(const double control_value, const bool cold);
    /// Builds the gas channel on the current mesh (if fed at a rate).
    void
    follow_gas_channel_mesh();
    /// Solves again until the gas channel's compositions settle; false (and
    /// the reason in @p report) if a solve fails.
    bool
    settle_gas_channel(NewtonReport &report);
    /// Crosses a limiting-current plateau under potential control.
    NewtonReport
    bridge_by_potential(const double control_value);
    /// The cycles of Mesh adaptation at an accepted target: the mesh is
    /// refined and coarsened, the state and the flow carried over, and the
    /// point solved again; adds that work to @p newton. Returns whether the
    /// mesh changed.
    bool
    adapt_at(const double control_value, NewtonReport &newton);
    std::vector<StepRecord>
    run();

    /// What a run writes as it goes, and where it stands.
    struct Outputs
    {
      explicit Outputs(Implementation &simulation);

      SummaryTable     summary;
      FieldOutput<dim> fields;
      Checkpoints      checkpoints;
#ifdef NOXFLOW_WITH_CATALYST
      std::unique_ptr<CatalystAdaptor> catalyst;
#endif
      /// Summary rows, field/electrode outputs and targets so far.
      unsigned int rows, n_outputs, targets_reached;
      unsigned int since_checkpoint = 0;
      /// Wall time spent writing outputs, s.
      double seconds = 0.;
    };

    /// The line of an accepted operating point (and its warnings).
    void
    print_step(const StepRecord &record, const unsigned int row);
    /// Fields and distributions at targets, Catalyst every few steps.
    void
    write_point_outputs(Outputs &out, const double value, const bool is_target);
    /// A checkpoint at targets, every Checkpoint interval points and on a
    /// stop signal (then RunStopped).
    void
    checkpoint_if_due(Outputs &out, const double value, const bool is_target);
    void
    print_run_summary(const std::vector<StepRecord> &records,
                      const double                   output_seconds) const;
    void
    write_status(const std::string &status) const;
    void
    write_electrode_distributions(const unsigned int index) const;
    void
    print_target_table(const std::vector<StepRecord> &records) const;
    void
    print_product_table(const std::vector<StepRecord> &records) const;
    std::vector<std::string>
    ohmic_region_names() const;
    void
    measure_porous_electrode(PorousElectrode &porous) const;
    std::string
    diagnose_failure(const ContinuationFailure &failure,
                     const CellReport          &last) const;

    const CaseParameters &prm;
    const std::string     directory;
    const MPI_Comm        comm;
    const bool            is_root;
    /// Set-up, tables and warnings (not with Output/Verbosity = quiet);
    /// every Newton iteration and attempt (debug only); the line of each
    /// accepted operating point (always).
    ConditionalOStream log, detail, points;
    /// The undershoot warning of the point being solved, and how often.
    std::string            undershoot_warning;
    unsigned int           undershoot_warnings = 0;
    Discretization<dim>    discretization;
    NernstPlanckModel<dim> model;
    /// Region and boundary names of the mesh.
    Meshes::MeshNames names;
    /// Smallest extent of the mesh (reference length of the model).
    double              length_scale = 1.;
    std::vector<double> electrode_area;
    unsigned int        working;
    int                 cathode = -1, anode = -1;
    /// Products, conversion and nitrogen balance (subsection Products).
    ProductOutputs                     products;
    PETScWrappers::MPI::Vector         solution, saved_solution;
    OperatingPoint                     point, saved_point;
    std::unique_ptr<SteadySolver<dim>> solver;
    /// The gas channel of a gas-diffusion electrode fed at a finite rate.
    std::unique_ptr<GasChannel<dim>> gas_channel;
    /// The computed flow, if the case asks for one.
    std::unique_ptr<ComputedFlow<dim>> flow;
    /// Checkpoint this run restarts from ("" for a fresh run) and its state.
    std::string     restart_folder;
    CheckpointState restart_state;
    /// Cells, vertices and a hash of the coarse mesh's vertices.
    std::string coarse_mesh;
    double      setup_seconds = 0.;
    /// Report of the last converged solve.
    CellReport last_report;
    /// Control value of the last accepted operating point.
    double last_accepted = 0.;
    /// The accepted points of this run's ramp, for the next first guess.
    SecantPredictor path{prm.operation.galvanostatic};
    /// Moves the state from the last accepted point along the path toward
    /// @p control_value (concentrations keep half their distance to zero).
    void
    predict(const double control_value);
  };

  template <int dim>
  Simulation<dim>::Implementation::Implementation(
    const CaseParameters &prm,
    const std::string    &output_directory,
    const MPI_Comm        comm,
    std::ostream         &log_stream,
    const bool            restart,
    const bool            check_only)
    : prm(prm)
    , directory(output_directory)
    , comm(comm)
    , is_root(Utilities::MPI::this_mpi_process(comm) == 0)
    , log(log_stream, is_root && prm.verbosity != "quiet")
    , detail(log_stream, is_root && prm.verbosity == "debug")
    , points(log_stream, is_root)
    , discretization(comm)
  {
    const auto start = std::chrono::steady_clock::now();
    // Signals are handled from the start: set-up and flow stop cleanly too.
    install_stop_handlers();
    if (restart)
      {
        std::ostringstream warnings;
        restart_folder =
          Checkpoints(output_directory, comm).newest_intact(warnings);
        restart_state = Checkpoints::load_state(restart_folder);
        check_restart_matches_case();
        log << warnings.str() << "Restarting from " << restart_folder
            << " (last point " << restart_state.control_value << ")"
            << std::endl;
      }
    build_mesh();
    build_model();
    if (check_only)
      return;
    stop_if_requested();
    if (prm.flow.computed())
      {
        // Flow first; the transport sees it through model.velocity.
        FlowStageInput<dim> flow_input = flow_stage_input<dim>(prm);
        if (detail.is_active())
          flow_input.newton_log = &detail.get_stream();
        flow           = std::make_unique<ComputedFlow<dim>>(flow_input,
                                                   names,
                                                   discretization.triangulation,
                                                   log);
        model.velocity = flow->velocity();
        stop_if_requested();
      }
    discretization.setup(model);
    solver = std::make_unique<SteadySolver<dim>>(
      discretization, model, prm.newton, prm.linear_solver, detail);
    follow_gas_channel_mesh();
    initial_state();
    if (!restart_folder.empty())
      {
        Checkpoints::load_solution(discretization, solution);
        point.f_electrode_potentials = restart_state.f_electrode_potentials;
      }
    setup_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count();
    log << "NOxFlow: " << dim << "D, "
        << discretization.triangulation.n_global_active_cells() << " cells, "
        << discretization.dof_handler.n_dofs() << " DoFs, "
        << Utilities::MPI::n_mpi_processes(comm) << " MPI ranks; setup "
        << setup_seconds << " s" << std::endl;
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::check_restart_matches_case() const
  {
    const std::string where = "--restart from '" + restart_folder + "': ";
    if (restart_state.version != version())
      throw InputError(
        where + "the checkpoint was written by NOxFlow " +
        (restart_state.version.empty() ? "(unknown version)" :
                                         restart_state.version) +
        ", this is NOxFlow " + version() +
        ". Fix: restart with the NOxFlow that wrote it, or run the case "
        "afresh with --overwrite.");
    const std::string changes = solution_changes(restart_state.case_parameters,
                                                 prm.parameters_used,
                                                 restart_state.targets_reached);
    if (!changes.empty())
      throw InputError(where +
                       "the case differs from the one the checkpoint "
                       "belongs to:\n" +
                       changes +
                       "Fix: restore these values, or run the changed case "
                       "afresh (another --output, or --overwrite).");
    if (restart_state.targets_reached >= prm.operation.targets.size())
      throw RunComplete("the run in '" + directory + "' has reached all " +
                        std::to_string(prm.operation.targets.size()) +
                        " targets; nothing to do (to go further, add "
                        "targets to Operation/Targets and --restart).");
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::stop_if_requested() const
  {
    if (!stop_requested(comm))
      return;
    const std::string next =
      restart_folder.empty() ?
        "nothing to restart from: run the case again with --overwrite" :
        "the checkpoint it started from is unchanged: continue with "
        "--restart";
    if (std::filesystem::exists(directory))
      write_run_status(directory,
                       "stopped: signal received during set-up; " + next,
                       comm);
    throw RunStopped("stopped by a signal during set-up, before the first "
                     "operating point; " +
                     next + ".");
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::build_mesh()
  {
    // Boundary names are set on a serial coarse mesh, then distributed.
    Triangulation<dim> coarse;
    names = prm.geometry.create(coarse);
    if (prm.edge_fluxes)
      if (const auto centre = Meshes::first_non_box_cell(coarse))
        {
          std::ostringstream where;
          where << *centre;
          throw_input_error(
            "Discretization/Scheme",
            "scharfetter-gummel",
            "the edge fluxes need rectangular (2D) or box (3D) cells, and "
            "the cell at (" +
              where.str() +
              ") m is not one. Mesh the geometry with rectangles or boxes "
              "(Gmsh: transfinite and recombined), or set Scheme = galerkin "
              "(with Stabilization = true above cell Peclet numbers of 1).");
        }
    prm.check_boundaries(names.boundaries);
    {
      // A restart needs the coarse mesh its checkpoint was refined from
      // (a Gmsh file may change under the same name).
      std::uint64_t hash = 1469598103934665603ULL;
      for (const auto &vertex : coarse.get_vertices())
        for (unsigned int d = 0; d < dim; ++d)
          hash =
            (hash ^ std::hash<double>()(std::round(vertex[d] * 1e12) * 1e-12)) *
            1099511628211ULL;
      coarse_mesh = std::to_string(coarse.n_active_cells()) + " cells, " +
                    std::to_string(coarse.n_vertices()) + " vertices, hash " +
                    std::to_string(hash);
      if (!restart_folder.empty() && restart_state.coarse_mesh != coarse_mesh)
        throw InputError("--restart from '" + restart_folder +
                         "': the coarse mesh differs from the checkpoint's (" +
                         restart_state.coarse_mesh + " -> " + coarse_mesh +
                         "). Fix: restore the mesh, or run afresh with "
                         "--overwrite.");
    }
    Point<dim> low, high;
    for (unsigned int d = 0; d < dim; ++d)
      {
        low[d]  = std::numeric_limits<double>::max();
        high[d] = -low[d];
      }
    for (const auto &vertex : coarse.get_vertices())
      for (unsigned int d = 0; d < dim; ++d)
        {
          low[d]  = std::min(low[d], vertex[d]);
          high[d] = std::max(high[d], vertex[d]);
        }
    length_scale = std::numeric_limits<double>::max();
    for (unsigned int d = 0; d < dim; ++d)
      length_scale = std::min(length_scale, high[d] - low[d]);
    if (prm.geometry.type == "channel")
      length_scale = prm.geometry.channel.height;
    discretization.triangulation.copy_triangulation(coarse);
    if (restart_folder.empty())
      discretization.triangulation.refine_global(prm.global_refinements);
    else
      Checkpoints::load_mesh(discretization.triangulation, restart_folder);
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::build_model()
  {
    model    = model_from_case<dim>(prm, names, length_scale);
    products = ProductOutputs(prm.products, model);

    working = prm.electrode_index(prm.operation.working_electrode,
                                  "Operation/Working electrode");
    for (unsigned int i = 0; i < prm.electrodes.size(); ++i)
      {
        if (prm.electrodes[i].polarity < 0 && cathode < 0)
          cathode = i;
        if (prm.electrodes[i].polarity > 0 && anode < 0)
          anode = i;
      }

    // Electrode areas (m2; m per metre of depth in 2D).
    electrode_area.assign(prm.electrodes.size(), 0.);
    for (const auto &cell :
         discretization.triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            for (unsigned int i = 0; i < electrode_area.size(); ++i)
              if (face->boundary_id() == model.electrode_boundaries[i])
                electrode_area[i] += face->measure();
    Utilities::MPI::sum(electrode_area, comm, electrode_area);
    // A porous electrode's current density refers to its projected area:
    // its volume over its thickness along the collector's normal.
    for (auto &porous : model.porous_electrodes)
      {
        measure_porous_electrode(porous);
        electrode_area[porous.electrode] = porous.projected_area;
      }
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::measure_porous_electrode(
    PorousElectrode &porous) const
  {
    const auto &tria = discretization.triangulation;
    const auto  face =
      Meshes::flat_boundary(tria,
                            model.electrode_boundaries[porous.electrode],
                            "Electrodes/" +
                              prm.electrodes[porous.electrode].name +
                              "/Current collector");
    double volume = 0., reacting = 0., interface = 0.,
           low = std::numeric_limits<double>::max(), high = -low;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned() && porous.regions.count(cell->material_id()))
        {
          volume += cell->measure();
          const double a_v = porous.specific_area_in(cell->material_id());
          if (a_v > 0.)
            reacting += cell->measure();
          interface += a_v * cell->measure();
          for (const unsigned int v : cell->vertex_indices())
            {
              low  = std::min(low, cell->vertex(v)[face.axis]);
              high = std::max(high, cell->vertex(v)[face.axis]);
            }
        }
    porous.reacting_volume = Utilities::MPI::sum(reacting, comm);
    porous.interface_area  = Utilities::MPI::sum(interface, comm);
    porous.projected_area =
      Utilities::MPI::sum(volume, comm) /
      (Utilities::MPI::max(high, comm) - Utilities::MPI::min(low, comm));
    porous.collector_axis     = face.axis;
    porous.collector_position = face.lower[face.axis];
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::initial_state()
  {
    const double f_rt = model.electrolyte.f_over_rt();
    auto         c_in = model.electrolyte.initial_concentrations();
    // With a gas feed the electrolyte starts saturated by it (Henry;
    // everywhere, the inlets' held values take over at once): the start
    // potential then carries the start current with the gas's reactions,
    // not with HER alone (0.5 V more cathodic, a step Newton could not take
    // with pure NO).
    if (model.gas)
      for (unsigned int g = 0; g < model.n_gas_species(); ++g)
        if (model.gas->dissolves_as[g] >= 0)
          {
            auto &c = c_in[model.gas->dissolves_as[g]];
            c       = std::max(c,
                         model.gas->henry[g] * model.gas->pressure *
                           model.gas->feed[g]);
          }
    // Where the reactions run: the surface, or a_v times the volume.
    const auto reacting_area = [&](const unsigned int e) {
      const auto *porous = model.porous_electrode_of(e);
      return porous ? porous->interface_area : electrode_area[e];
    };
    point.f_electrode_potentials.clear();
    for (const auto &e : prm.electrodes)
      point.f_electrode_potentials.push_back(f_rt * e.potential);
    const auto electrode_current = [&](const unsigned int e,
                                       const double       f_eta_shift) {
      Physics::ReactionRate rate;
      double                total = 0.;
      for (const unsigned int r : model.reactions_on(e))
        {
          model.reactions[r].evaluate(
            c_in,
            f_eta_shift - f_rt * model.reactions[r].equilibrium_potential,
            rate);
          total += rate.current_density;
        }
      return total * reacting_area(e);
    };

    // Galvanostatic: the working electrode carries the start current; the
    // electrolyte potential balances it with the others, and the working
    // potential follows from its kinetics.
    const bool   galvanostatic = prm.operation.galvanostatic;
    const double start_current =
      galvanostatic ?
        prm.electrodes[working].polarity * prm.continuation.start_fraction *
          prm.operation.targets.front() * a_per_m2_per_ma_per_cm2 *
          electrode_area[working] :
        0.;
    double mean_f_phi = 0.;
    for (const double v : point.f_electrode_potentials)
      mean_f_phi += v / point.f_electrode_potentials.size();
    const double psi = bisect_decreasing(
      [&](const double psi) {
        double total = galvanostatic ? start_current : 0.;
        for (unsigned int e = 0; e < prm.electrodes.size(); ++e)
          if (!(galvanostatic && e == working))
            total +=
              electrode_current(e, point.f_electrode_potentials[e] - psi);
        return total;
      },
      mean_f_phi - 10. * f_rt,
      mean_f_phi + 10. * f_rt);
    if (galvanostatic)
      {
        std::vector<const Physics::ElectrodeReaction *> reactions;
        for (const unsigned int r : model.reactions_on(working))
          reactions.push_back(&model.reactions[r]);
        point.f_electrode_potentials[working] = Physics::potential_for_current(
          reactions, c_in, psi, start_current / reacting_area(working));
        point.working_electrode = working;
        point.current_scale     = prm.operation.targets.front() *
                              a_per_m2_per_ma_per_cm2 * electrode_area[working];
      }

    solution     = discretization.owned_vector();
    auto initial = model.unknowns_for(c_in);
    // Logarithmic unknowns: a species absent at the start (a product) starts
    // at the edge of the logarithmic range, not at its 1e-12 floor. Newton
    // in ln c needs ln(c / c0) steps to grow a species from c0 where it is
    // produced; from the edge, its first step is linear and where the
    // species is truly absent the step takes it down exponentially.
    if (model.has_logarithmic_unknowns())
      for (unsigned int k = 0; k < model.speciation().n_transported(); ++k)
        if (model.speciation().positive_total(k))
          initial[k] = std::max(initial[k], Physics::Speciation::log_threshold);
    for (unsigned int k = 0; k < initial.size(); ++k)
      for (const auto i : discretization.owned_dofs_by_component[k])
        solution(i) = initial[k];
    for (const auto i :
         discretization.owned_dofs_by_component[model.potential_component()])
      solution(i) = psi;
    // The gas regions start at the feed composition, in equilibrium with
    // the saturated liquid.
    if (model.gas)
      for (unsigned int g = 0; g < model.n_gas_species(); ++g)
        for (const auto i :
             discretization.owned_dofs_by_component[model.gas_component(g)])
          solution(i) = model.gas->feed[g];
    solution.compress(VectorOperation::insert);
    discretization.solution_constraints.distribute(solution);
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::follow_gas_channel_mesh()
  {
    gas_channel.reset();
    if (model.gas && model.gas->feed_flow > 0.)
      gas_channel = std::make_unique<GasChannel<dim>>(discretization, model);
  }

  template <int dim>
  bool
  Simulation<dim>::Implementation::settle_gas_channel(NewtonReport &report)
  {
    // The channel's compositions follow the uptake the solve found; solve
    // again with them until they settle (one update is exact where the
    // uptake is linear in x).
    // The fixed point contracts slowly where the catholyte carries the
    // dissolved gas downstream (0.5-0.9 per update measured): 1e-8 in a
    // mole fraction is far below what the channel model resolves. An
    // update that grows the change (the GDL couples neighbouring slices
    // with opposite signs) relaxes the next ones.
    constexpr unsigned int max_updates = 60;
    double                 relaxation = 1., last_change = 1.;
    for (unsigned int k = 0; k < max_updates; ++k)
      {
        const double change = gas_channel->update(solution,
                                                  point.f_electrode_potentials,
                                                  relaxation);
        detail << "      gas channel update " << k << ": largest change "
               << change << " (relaxation " << relaxation << ")" << std::endl;
        if (change < 1e-8)
          return true;
        if (change > last_change)
          relaxation = std::max(0.1, 0.5 * relaxation);
        last_change = change;
        auto again  = solver->solve(solution, point, NewtonRequest());
        again.follow_up_iterations = again.iterations;
        report.append(again);
        if (!report.converged)
          {
            report.failure =
              "with the gas channel's composition updated: " + report.failure;
            return false;
          }
      }
    report.converged = false;
    report.failure   = "the gas channel's composition did not settle in " +
                     std::to_string(max_updates) +
                     " updates (Gas phase/Feed flow rate)";
    return false;
  }

  template <int dim>
  NewtonReport
  Simulation<dim>::Implementation::solve_at(const double control_value,
                                            const bool   cold)
  {
    if (prm.operation.galvanostatic)
      point.target_current = prm.electrodes[working].polarity * control_value *
                             a_per_m2_per_ma_per_cm2 * electrode_area[working];
    else
      point.f_electrode_potentials[working] =
        model.electrolyte.f_over_rt() * control_value;

    const auto   entry_solution = solution;
    const auto   entry_point    = point;
    NewtonReport report;
    if (cold)
      {
        log << "    potential-only solve with frozen concentrations"
            << std::endl;
        NewtonRequest potentials_only;
        potentials_only.freeze_concentrations = true;
        report = solver->solve(solution, point, potentials_only);
        if (!report.converged)
          return report;
      }
    // Not for logarithmic unknowns: their secant overshoots where a
    // species falls to trace levels (the log-species plateau step took
    // 43 s with it, 17 s without).
    else if (path.ready() && !model.has_logarithmic_unknowns())
      predict(control_value);
    // Current control stalls on a limiting-current plateau; the potential
    // bridge is the way on, so it gives up after a few short steps.
    NewtonRequest request;
    if (prm.operation.galvanostatic && !cold)
      request.give_up_after_short_steps = 5;
    report.append(solver->solve(solution, point, request));
    if (!report.converged && prm.operation.galvanostatic && !cold)
      {
        detail << "    current control: " << report.failure << std::endl;
        solution = entry_solution;
        point    = entry_point;
        // The path has a kink here: no secant across it.
        path.clear();
        report.append(bridge_by_potential(control_value));
      }
    if (!report.converged)
      return report;
    if (gas_channel && !settle_gas_channel(report))
      return report;

    const auto evaluate_report = [&]() {
      last_report = evaluate_cell(discretization,
                                  model,
                                  discretization.ghosted(solution),
                                  point.f_electrode_potentials);
      products.evaluate(last_report);
      last_report.voltage = voltage_breakdown(last_report, cathode, anode);
    };
    evaluate_report();
    // Converged means converged: a point whose charge or species balance
    // does not close is iterated further, to a 1000-fold and a million-fold
    // smaller residual (small currents and kinetic rows scaled by 1/(1 + Da)
    // need it), and otherwise not accepted (the continuation cuts the step).
    std::string unbalanced = balance_violation(last_report,
                                               model.electrolyte,
                                               prm.newton.balance_tolerance);
    for (const double factor : {1e-3, 1e-6})
      {
        if (unbalanced.empty())
          break;
        log << "    " << unbalanced << ": iterating further" << std::endl;
        // Its steps only lower the residual; whether it reaches the tighter
        // tolerance or stalls at round-off, the balances decide.
        NewtonRequest tighter;
        tighter.tolerance_factor = factor;
        report.append(solver->solve(solution, point, tighter));
        report.converged = true;
        report.failure.clear();
        evaluate_report();
        unbalanced = balance_violation(last_report,
                                       model.electrolyte,
                                       prm.newton.balance_tolerance);
      }
    if (!unbalanced.empty())
      {
        report.converged = false;
        report.failure   = unbalanced;
        return report;
      }
    const CellReport &check = last_report;
    // A negative concentration beyond round-off never passes.
    for (unsigned int s = 0; s < model.electrolyte.n_species(); ++s)
      if (check.min_concentration[s] < -1e-10 * model.scales.concentration)
        {
          // The edge fluxes' discrete solutions are non-negative (an
          // M-matrix), so under them no undershoot is tolerated.
          const bool too_negative =
            model.edge_fluxes ||
            check.min_concentration[s] <
              -NernstPlanckModel<dim>::negative_concentration_tolerance *
                model.scales.concentration;
          std::ostringstream message;
          message << "negative concentration of " << model.electrolyte[s].name
                  << " (" << check.min_concentration[s] << " mol/m3 at";
          for (const double x : check.min_location[s])
            message << " " << x;
          message << " m)";
          if (too_negative)
            {
              const bool eliminated =
                s == model.electrolyte.eliminated_species();
              report.converged = false;
              report.failure =
                message.str() +
                (!model.edge_fluxes ?
                   ": refine the mesh there, or use Scheme = "
                   "scharfetter-gummel" :
                 eliminated ?
                   ", the electroneutrality species, which follows from the "
                   "others and which the edge fluxes do not keep positive: "
                   "at a membrane interface the model has no Donnan jump "
                   "(docs/transport-operator.md)" :
                   ": not a solution of the edge-flux scheme, whose "
                   "concentrations are >= 0; a smaller continuation step "
                   "may reach one");
            }
          else
            {
              // Reported once, when the point is accepted.
              undershoot_warning = message.str();
              ++undershoot_warnings;
            }
        }
    return report;
  }


  template <int dim>
  bool
  Simulation<dim>::Implementation::adapt_at(const double  control_value,
                                            NewtonReport &newton)
  {
    bool       changed         = false;
    const auto carry_flow_over = [&]() {
      if (flow)
        {
          flow->follow(discretization.triangulation);
          model.velocity = flow->velocity();
        }
    };
    for (unsigned int cycle = 0; cycle < prm.mesh_adaptation.cycles_per_target;
         ++cycle)
      {
        if (!adapt_mesh(discretization,
                        model,
                        prm.mesh_adaptation,
                        prm.global_refinements,
                        solution,
                        carry_flow_over))
          break;
        changed = true;
        path.clear(); // its states live on the old mesh
        solver = std::make_unique<SteadySolver<dim>>(
          discretization, model, prm.newton, prm.linear_solver, detail);
        follow_gas_channel_mesh();
        const NewtonReport report = solve_at(control_value, false);
        newton.append(report);
        log << "    mesh adapted: "
            << discretization.triangulation.n_global_active_cells()
            << " cells, " << discretization.dof_handler.n_dofs()
            << " DoFs; solved again in " << report.iterations
            << " Newton iterations" << std::endl;
        if (!report.converged)
          throw ContinuationFailure(
            "Newton did not converge on the adapted mesh at " +
              std::to_string(control_value) + " (" + report.failure +
              "). Fix: let each cycle change the mesh less (Mesh "
              "adaptation/Refine and Coarsen fraction, or Maximum levels), "
              "or run on a uniform mesh (Cycles per target = 0).",
            control_value);
      }
    return changed;
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::predict(const double control_value)
  {
    auto                dx = solution;
    std::vector<double> d_potentials;
    path.step(control_value, dx, d_potentials);
    const double alpha = solver->admissible_fraction(solution, dx, 0.5);
    solution.add(alpha, dx);
    if (prm.operation.galvanostatic)
      point.f_electrode_potentials[working] += alpha * d_potentials[working];
  }

  template <int dim>
  NewtonReport
  Simulation<dim>::Implementation::bridge_by_potential(
    const double control_value)
  {
    // On a limiting-current plateau dI/dV is nearly zero and Newton on the
    // current constraint stalls (solver-notes.md). Step the working
    // electrode's potential instead, with growing steps along the plateau
    // and a secant aim at the target where the current rises, until it
    // carries the target current; then finish under current control,
    // which converges where dI/dV is large (regula falsi if it does not).
    const double   f_rt                 = model.electrolyte.f_over_rt();
    const double   target               = std::abs(point.target_current);
    const double   direction            = prm.electrodes[working].polarity;
    const double   max_sweep            = 2. * f_rt;
    const double   max_step             = 0.25 * f_rt;
    OperatingPoint potential_control    = point;
    potential_control.working_electrode = -1;
    NewtonReport total;
    const auto   current_density = [&](const double current) {
      return current / electrode_area[working] / a_per_m2_per_ma_per_cm2;
    };

    // Current (magnitude) at scaled potential v, from the state in
    // `solution` solved as @p request asks; NaN if Newton fails (the state
    // is then restored).
    const auto current_at = [&](const double v, const NewtonRequest &request) {
      const auto backup                                 = solution;
      potential_control.f_electrode_potentials[working] = v;
      total.append(solver->solve(solution, potential_control, request));
      if (!total.converged)
        {
          solution = backup;
          return std::numeric_limits<double>::quiet_NaN();
        }
      const double current =
        std::abs(evaluate_cell(discretization,
                               model,
                               discretization.ghosted(solution),
                               potential_control.f_electrode_potentials)
                   .electrodes[working]
                   .current);
      log << "      phi_s = " << v / f_rt << " V carries "
          << current_density(current) << " mA/cm2" << std::endl;
      return current;
    };

    log << "    current control stalls (a limiting-current plateau?): stepping "
        << "the potential of '" << prm.electrodes[working].name << "'"
        << std::endl;
    const double v_start = point.f_electrode_potentials[working];
    double       v_low = v_start, step = 0.02 * f_rt;
    double       i_low = std::abs(last_accepted) * a_per_m2_per_ma_per_cm2 *
                   electrode_area[working];
    double v_high = 0., i_high = 0.;
    // The sweep's states only start the next potential (and the finish
    // under current control, which converges fully): residual 1e-5 and
    // update 1e-3 (scaled) place the current to far better than the sweep
    // needs and save a Newton step per potential.
    NewtonRequest stepping_stone;
    stepping_stone.tolerance_factor        = 1e4;
    stepping_stone.update_tolerance_factor = 1e4;
    while (true)
      {
        const double       v          = v_low + direction * step;
        const unsigned int iterations = total.iterations;
        const double       i          = current_at(v, stepping_stone);
        if (std::isnan(i))
          {
            step *= 0.5;
            if (step < 1e-4 * f_rt)
              return total;
            continue;
          }
        if (i >= target)
          {
            v_high = v;
            i_high = i;
            break;
          }
        const double slope = (i - i_low) / step;
        v_low              = v;
        i_low              = i;
        if (std::abs(v - v_start) > max_sweep)
          {
            std::ostringstream message;
            message << "the current of '" << prm.electrodes[working].name
                    << "' saturates at " << current_density(i)
                    << " mA/cm2 although its potential moved 2 V beyond where "
                    << control_value << " mA/cm2 was asked for";
            point.f_electrode_potentials =
              potential_control.f_electrode_potentials;
            throw ContinuationFailure(message.str(), last_accepted, true);
          }
        // Longer steps while Newton finds them easy; where the current
        // rises, aim 10 % past the target's secant estimate (to bracket it).
        if (total.iterations - iterations <= prm.continuation.easy_newton)
          step = std::min(2. * step, max_step);
        if (slope > 0.)
          step =
            std::min(step, std::max(1.1 * (target - i) / slope, 1e-3 * f_rt));
      }

    // The state carries i_high >= target at v_high: current control from
    // it, on the steep side of the plateau.
    const auto     at_v_high     = solution;
    OperatingPoint galvanostatic = point;
    galvanostatic.f_electrode_potentials =
      potential_control.f_electrode_potentials;
    const NewtonReport finish = solver->solve(solution, galvanostatic);
    total.append(finish);
    if (finish.converged)
      {
        log << "      current control from there: " << finish.iterations
            << " Newton iterations" << std::endl;
        point = galvanostatic;
        return total;
      }
    solution = at_v_high;

    // Regula falsi between (v_low, i_low) and (v_high, i_high), with the
    // Illinois modification; the state is at v_high.
    int retained = 0;
    for (unsigned int it = 0; it < 40; ++it)
      {
        const double f_low = i_low - target, f_high = i_high - target;
        const double v = v_low - f_low * (v_high - v_low) / (f_high - f_low);
        const double i = current_at(v, NewtonRequest());
        if (std::isnan(i))
          return total;
        if (std::abs(i - target) <= 1e-9 * target)
          {
            point.f_electrode_potentials =
              potential_control.f_electrode_potentials;
            return total;
          }
        if (i < target)
          {
            v_low = v;
            i_low = i;
            if (retained == 1)
              i_high = target + 0.5 * (i_high - target);
            retained = 1;
          }
        else
          {
            v_high = v;
            i_high = i;
            if (retained == -1)
              i_low = target + 0.5 * (i_low - target);
            retained = -1;
          }
      }
    total.converged = false;
    total.failure   = "no potential found that carries the current";
    return total;
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::write_status(const std::string &status) const
  {
    write_run_status(directory, status, comm);
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::write_electrode_distributions(
    const unsigned int index) const
  {
    const auto ghosted = discretization.ghosted(solution);
    // One file per electrode (and porous electrode volume): coordinates and
    // one value per row.
    const auto write = [&](const std::string &file,
                           const std::string &quantity,
                           const auto        &rows) {
      std::ostringstream name, out;
      name << directory << "/" << file << "-" << std::setw(4)
           << std::setfill('0') << index << ".tsv";
      out << "x_m\ty_m" << (dim == 3 ? "\tz_m" : "") << "\t" << quantity << "\n"
          << std::setprecision(10);
      for (const auto &[location, value] : rows)
        {
          for (unsigned int d = 0; d < dim; ++d)
            out << location[d] << "\t";
          out << value << "\n";
        }
      on_root_checked(comm,
                      [&]() { write_file_atomically(name.str(), out.str()); });
    };
    for (unsigned int e = 0; e < model.electrode_names.size(); ++e)
      {
        const std::string file   = "electrode_" + model.electrode_names[e];
        const auto       *porous = model.porous_electrode_of(e);
        std::vector<std::pair<Point<dim>, double>> rows;
        if (porous && porous->projected_area > 0.)
          {
            // Where the porous electrode reacts: per projected area along
            // its collector, and per volume at every node (profiles).
            const auto nodes =
              porous_node_currents(discretization,
                                   model,
                                   ghosted,
                                   point.f_electrode_potentials,
                                   *porous);
            for (const auto &n : projected_porous_currents(nodes, *porous))
              rows.emplace_back(n.location, n.value);
            write(file, "j_A_m2", rows);
            rows.clear();
            for (const auto &n : nodes)
              rows.emplace_back(n.location, n.value / n.weight);
            write(file + "_volume", "i_A_m3", rows);
            continue;
          }
        for (const auto &s : electrode_current_distribution(
               discretization, model, ghosted, point.f_electrode_potentials, e))
          rows.emplace_back(s.location, s.current_density);
        write(file, "j_A_m2", rows);
      }
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::print_target_table(
    const std::vector<StepRecord> &records) const
  {
    // The rows users look at first: one per target.
    const bool galvanostatic = prm.operation.galvanostatic;
    log << "\nResults at the targets (FE: share of each reaction in its "
           "electrode's current)\n"
        << std::setw(10) << (galvanostatic ? "j mA/cm2" : "phi_s V")
        << std::setw(10) << "U_cell V";
    for (const auto &r : model.reactions)
      log << std::setw(std::max<int>(10, r.name.size() + 5))
          << ("FE " + r.name);
    if (model.electrolyte.has_ph())
      log << std::setw(12) << ("pH " + prm.electrodes[working].name);
    log << '\n';
    for (const auto &record : records)
      if (record.is_target)
        {
          const auto &r = record.report;
          log << std::setw(10) << record.control_value << std::setw(10)
              << std::setprecision(4) << cell_voltage(r, cathode, anode);
          for (unsigned int k = 0; k < model.reactions.size(); ++k)
            log << std::setw(
                     std::max<int>(10, model.reactions[k].name.size() + 5))
                << std::setprecision(4) << r.faradaic_efficiency[k];
          if (model.electrolyte.has_ph())
            log << std::setw(12) << std::setprecision(4)
                << r.electrodes[working].mean_ph;
          log << '\n';
        }
    log << std::endl;
  }

  template <int dim>
  std::vector<std::string>
  Simulation<dim>::Implementation::ohmic_region_names() const
  {
    const auto ids = mesh_regions(discretization);
    if (ids.size() == 1)
      return {"electrolyte"};
    std::vector<std::string> result;
    for (const auto id : ids)
      result.push_back(names.regions.name(id));
    return result;
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::print_product_table(
    const std::vector<StepRecord> &records) const
  {
    // Products (FE per product, rate), conversion, nitrogen balance and
    // the parts of the cell voltage, one row per target.
    const auto               product_names = products.product_names();
    const auto               ohmic_names   = ohmic_region_names();
    std::vector<std::string> columns;
    for (const auto &name : product_names)
      {
        columns.push_back("FE " + name);
        columns.push_back("rate " + name);
      }
    if (!products.reactant().empty())
      columns.push_back("conv " + products.reactant());
    if (products.has_nitrogen_balance())
      columns.push_back("N balance");
    // Gases fed through a gas-diffusion electrode, per area of the working
    // electrode.
    for (unsigned int i = 0; i < model.n_gas_species(); ++i)
      columns.push_back("fed " + model.gas->species[i].name);
    for (const auto *name : {"U_eq", "U_kin,c", "U_kin,a"})
      columns.push_back(name);
    for (const auto &name : ohmic_names)
      columns.push_back("U_ohm " + name);
    if (model.has_solid_phase())
      for (const auto *name : {"U_ohm solid,c", "U_ohm solid,a"})
        columns.push_back(name);
    columns.push_back("U_conc");

    log << "Products (FE: n F production / |I| of the electrode making it; "
           "rate and gas fed in mmol/(cm2 h)) and the cell voltage in parts, "
           "V (U_conc is what is left, so the parts sum to U_cell)\n"
        << std::setw(10)
        << (prm.operation.galvanostatic ? "j mA/cm2" : "phi_s V");
    std::vector<int> widths;
    for (const auto &c : columns)
      {
        widths.push_back(std::max<int>(11, c.size() + 2));
        log << std::setw(widths.back()) << c;
      }
    log << '\n';
    for (const auto &record : records)
      if (record.is_target)
        {
          const auto         &r = record.report;
          std::vector<double> values;
          for (const auto &p : r.products)
            {
              values.push_back(p.faradaic_efficiency);
              values.push_back(p.rate * mmol_per_cm2_h);
            }
          if (!products.reactant().empty())
            values.push_back(r.conversion);
          if (products.has_nitrogen_balance())
            values.push_back(r.nitrogen_balance);
          for (const double fed : r.gas_inflow)
            values.push_back(fed / r.electrodes[working].area * mmol_per_cm2_h);
          values.push_back(r.voltage.equilibrium);
          values.push_back(r.voltage.kinetic_cathode);
          values.push_back(r.voltage.kinetic_anode);
          for (const double u : r.voltage.ohmic)
            values.push_back(u);
          if (model.has_solid_phase())
            {
              values.push_back(r.voltage.ohmic_solid_cathode);
              values.push_back(r.voltage.ohmic_solid_anode);
            }
          values.push_back(r.voltage.concentration);
          log << std::setw(10) << record.control_value;
          for (unsigned int k = 0; k < values.size() && k < widths.size(); ++k)
            log << std::setw(widths[k]) << std::setprecision(4) << values[k];
          log << '\n';
        }
    log << std::endl;
  }

  template <int dim>
  std::string
  Simulation<dim>::Implementation::diagnose_failure(
    const ContinuationFailure &failure,
    const CellReport          &last) const
  {
    std::ostringstream message;
    message << "The run stopped at " << failure.last_converged
            << (prm.operation.galvanostatic ? " mA/cm2" : " V") << ": "
            << failure.what() << ".";
    // Name the depleted reactant when no reaction could carry more current.
    if (!failure.current_saturated || last.electrodes.empty())
      return message.str();
    // Which reactant of the working electrode is depleted at its surface?
    const auto &er    = last.electrodes[working];
    double      ratio = 1.;
    std::string depleted;
    for (const unsigned int r : model.reactions_on(working))
      {
        const auto &reaction = model.reactions[r];
        const auto &orders   = prm.electrodes[working].polarity < 0 ?
                                 reaction.oxidant_orders :
                                 reaction.reductant_orders;
        for (const auto &[s, order] : orders)
          if (order > 0. && model.electrolyte[s].inlet_concentration > 0.)
            {
              const double x = er.min_concentration[s] /
                               model.electrolyte[s].inlet_concentration;
              if (x < ratio)
                {
                  ratio    = x;
                  depleted = model.electrolyte[s].name;
                }
            }
      }
    if (ratio < 0.05)
      message
        << " " << depleted << " is depleted at the surface of '" << er.name
        << "' (" << er.min_concentration[model.electrolyte.index(depleted, "")]
        << " mol/m3): the requested current exceeds what the reactions "
           "there can carry. Fix: lower Operation/Targets, raise the inlet "
           "concentration or the flow, or add a reaction that can carry "
           "the excess current (e.g. HER).";
    return message.str();
  }

  template <int dim>
  Simulation<dim>::Implementation::Outputs::Outputs(Implementation &sim)
    : summary(sim.directory + "/summary.tsv",
              sim.model,
              sim.products,
              sim.ohmic_region_names(),
              sim.cathode,
              sim.anode,
              sim.is_root,
              sim.restart_folder.empty() ? -1 :
                                           int(sim.restart_state.summary_rows))
    , fields(sim.directory)
    , checkpoints(sim.directory, sim.comm)
    , rows(sim.restart_state.summary_rows)
    , n_outputs(sim.restart_state.outputs)
    , targets_reached(sim.restart_state.targets_reached)
  {
    fields.restore_index(sim.restart_state.field_index);
    if (sim.prm.mesh_adaptation.enabled() && !sim.restart_folder.empty())
      fields.mesh_changed();
#ifdef NOXFLOW_WITH_CATALYST
    if (!sim.prm.catalyst_script.empty())
      catalyst = CatalystAdaptor::create(sim.prm.catalyst_script,
                                         sim.directory,
                                         sim.comm);
#endif
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::print_step(const StepRecord  &record,
                                              const unsigned int row)
  {
    const bool galvanostatic = prm.operation.galvanostatic;
    points << "  step " << row << ": " << (galvanostatic ? "j = " : "phi_s = ")
           << record.control_value << (galvanostatic ? " mA/cm2" : " V")
           << ", U_cell = " << std::setprecision(4)
           << cell_voltage(record.report, cathode, anode) << " V, Newton "
           << record.newton.iterations << ", linear "
           << record.newton.linear_iterations << ", " << std::setprecision(3)
           << record.wall_seconds << " s" << std::endl;
    // Undershoot warnings of this point, once.
    if (undershoot_warnings > 0)
      log << "    warning: " << undershoot_warning
          << ", an undershoot of the discretisation; refine there if it "
             "matters"
          << (undershoot_warnings > 1 ?
                " (" + std::to_string(undershoot_warnings) +
                  " warnings while solving this point)" :
                std::string())
          << std::endl;
    undershoot_warnings = 0;
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::write_point_outputs(Outputs     &out,
                                                       const double value,
                                                       const bool   is_target)
  {
    const auto clock = std::chrono::steady_clock::now();
    if (is_target)
      {
        if (prm.write_fields)
          out.fields.write(discretization,
                           model,
                           discretization.ghosted(solution),
                           value,
                           flow ? flow->velocity().get() : nullptr,
                           point.f_electrode_potentials);
        write_electrode_distributions(out.n_outputs++);
      }
#ifdef NOXFLOW_WITH_CATALYST
    // The step is the summary row, which a restart continues.
    if (out.catalyst && (is_target || (out.rows - 1) % prm.catalyst_every == 0))
      {
        DataOutBase::DataOutFilter filter(
          DataOutBase::DataOutFilterFlags(true, true));
        filter_fields(discretization,
                      model,
                      discretization.ghosted(solution),
                      flow ? flow->velocity().get() : nullptr,
                      filter,
                      point.f_electrode_potentials);
        out.catalyst->execute(filter, value, out.rows - 1);
      }
#endif
    out.seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock)
        .count();
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::checkpoint_if_due(Outputs     &out,
                                                     const double value,
                                                     const bool   is_target)
  {
    out.targets_reached += is_target;
    const bool stop = stop_requested(comm);
    if (is_target || stop ||
        (prm.checkpoint_interval > 0 &&
         ++out.since_checkpoint >= prm.checkpoint_interval))
      {
        CheckpointState state;
        state.control_value          = value;
        state.f_electrode_potentials = point.f_electrode_potentials;
        state.targets_reached        = out.targets_reached;
        state.summary_rows           = out.rows;
        state.outputs                = out.n_outputs;
        state.field_index            = out.fields.index();
        state.case_parameters        = prm.parameters_used;
        state.version                = version();
        state.coarse_mesh            = coarse_mesh;
        out.checkpoints.save(discretization,
                             discretization.ghosted(solution),
                             state);
        out.since_checkpoint = 0;
      }
    if (stop)
      {
        write_status("stopped: signal received; checkpoint written, "
                     "continue with --restart");
        throw RunStopped("stopped by a signal after " + std::to_string(value) +
                         "; a checkpoint is in " + directory +
                         ", continue with the same command plus --restart.");
      }
  }

  template <int dim>
  void
  Simulation<dim>::Implementation::print_run_summary(
    const std::vector<StepRecord> &records,
    const double                   output_seconds) const
  {
    print_target_table(records);
    print_product_table(records);

    // Time per phase and memory, for benchmarks and users alike.
    double       assembly = 0., solve = 0.;
    unsigned int newton = 0, linear = 0;
    for (const auto &r : records)
      {
        assembly += r.newton.assembly_seconds;
        solve += r.newton.solve_seconds;
        newton += r.newton.iterations;
        linear += r.newton.linear_iterations;
      }
    Utilities::System::MemoryStats memory;
    Utilities::System::get_memory_stats(memory);
    const double peak_mb = Utilities::MPI::sum(memory.VmHWM / 1024., comm);
    log << "Summary: " << records.size() << " operating points, " << newton
        << " Newton and " << linear << " linear iterations\n"
        << "  time: setup " << setup_seconds << " s, assembly " << assembly
        << " s, linear solves " << solve << " s, output " << output_seconds
        << " s\n"
        << "  peak memory " << peak_mb << " MB (all ranks)\n"
        << "  results in " << directory
        << "/summary.tsv\n"
        // One line for scripts (benchmarks/).
        << "metrics: dofs=" << discretization.dof_handler.n_dofs()
        << " ranks=" << Utilities::MPI::n_mpi_processes(comm)
        << " points=" << records.size() << " newton=" << newton
        << " linear=" << linear << " setup_s=" << setup_seconds
        << " assembly_s=" << assembly << " solve_s=" << solve
        << " output_s=" << output_seconds << " peak_MB=" << peak_mb
        << (flow ? flow->metrics() : std::string()) << std::endl;
  }

  template <int dim>
  std::vector<StepRecord>
  Simulation<dim>::Implementation::run()
  {
    on_root_checked(comm, [&]() {
      std::filesystem::create_directories(directory);
      write_file_atomically(directory + "/parameters.prm", prm.parameters_used);
    });
    if (flow)
      on_root_checked(comm, [&]() {
        write_file_atomically(directory + "/flow.tsv", flow->summary_table());
      });
    write_status("running");

    // A restart continues the outputs and the ramp of its checkpoint.
    const bool                restarted     = !restart_folder.empty();
    const bool                galvanostatic = prm.operation.galvanostatic;
    const double              start = restarted ? restart_state.control_value :
                                      galvanostatic ? prm.continuation.start_fraction *
                                           prm.operation.targets.front() :
                                                      prm.electrodes[working].potential;
    const std::vector<double> targets(prm.operation.targets.begin() +
                                        restart_state.targets_reached,
                                      prm.operation.targets.end());
    Outputs                   out(*this);
    std::vector<StepRecord>   records;
    bool                      cold  = !restarted;
    auto                      clock = std::chrono::steady_clock::now();
    // A restart resumes from its checkpoint's point (solved, not reported).
    last_accepted = start;

    Continuation::Callbacks callbacks;
    callbacks.save = [&]() {
      saved_solution = solution;
      saved_point    = point;
    };
    callbacks.restore = [&]() {
      solution = saved_solution;
      point    = saved_point;
    };
    callbacks.solve = [&](const double value) {
      detail << "  solving at " << value << (galvanostatic ? " mA/cm2" : " V")
             << std::endl;
      const auto report = solve_at(value, cold);
      if (!report.converged)
        log << "    not converged (" << report.failure << "); cutting the step"
            << std::endl;
      return report;
    };
    callbacks.accepted = [&](const double        value,
                             const bool          is_target,
                             const NewtonReport &converged) {
      cold                = false;
      last_accepted       = value;
      NewtonReport newton = converged;
      if (is_target && prm.mesh_adaptation.enabled())
        {
          if (adapt_at(value, newton))
            out.fields.mesh_changed();
        }
      path.accept(value, solution, point.f_electrode_potentials);
      StepRecord record;
      record.control_value = value;
      record.is_target     = is_target;
      record.newton        = newton;
      // Evaluated by solve_at() on this very state.
      record.report = last_report;
      record.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - clock)
          .count();
      clock = std::chrono::steady_clock::now();
      on_root_checked(comm, [&]() {
        out.summary.add_row(out.rows,
                            value,
                            record.report,
                            newton.iterations,
                            newton.linear_iterations,
                            record.wall_seconds);
      });
      print_step(record, out.rows++);
      write_point_outputs(out, value, is_target);
      records.push_back(record);
      checkpoint_if_due(out, value, is_target);
    };

    try
      {
        Continuation(prm.continuation)
          .run(start, targets, callbacks, restarted);
      }
    catch (const ContinuationFailure &failure)
      {
        // The state is the last accepted one, or the plateau the potential
        // sweep ended on.
        const std::string reason =
          diagnose_failure(failure,
                           evaluate_cell(discretization,
                                         model,
                                         discretization.ghosted(solution),
                                         point.f_electrode_potentials));
        write_status("failed: " + reason);
        throw ContinuationFailure(reason,
                                  failure.last_converged,
                                  failure.current_saturated);
      }
    print_run_summary(records, out.seconds);
    write_status("completed");
    return records;
  }

  template <int dim>
  Simulation<dim>::Simulation(const CaseParameters &parameters,
                              const std::string    &output_directory,
                              const MPI_Comm        comm,
                              std::ostream         &log_stream,
                              const bool            restart)
    : impl(std::make_unique<Implementation>(parameters,
                                            output_directory,
                                            comm,
                                            log_stream,
                                            restart))
  {}

  template <int dim>
  Simulation<dim>::~Simulation() = default;

  template <int dim>
  void
  Simulation<dim>::check(const CaseParameters &parameters, const MPI_Comm comm)
  {
    std::ostringstream quiet;
    Implementation(parameters, "", comm, quiet, false, true);
  }

  template <int dim>
  std::vector<StepRecord>
  Simulation<dim>::run()
  {
    return impl->run();
  }

  template <int dim>
  const Discretization<dim> &
  Simulation<dim>::discretization() const
  {
    return impl->discretization;
  }

  template <int dim>
  const NernstPlanckModel<dim> &
  Simulation<dim>::model() const
  {
    return impl->model;
  }

  template class Simulation<2>;
  template class Simulation<3>;
} // namespace NOxFlow
