#include <deal.II/base/mpi.h>

#include <petscmat.h>

#include <solver/nonlinear/steady_solver.h>
#include <solver/transport/jacobian_pattern.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <iomanip>
#include <limits>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Round-off level of the residual at the ghosted state @p u: machine
    /// epsilon times the 2-norm of the row sums sum_j |J_ij u_j| (each row
    /// sums terms of that size, and u itself is rounded). A pure gas in a
    /// GDL has conductances 1e8 times the electrolyte's: its rows cannot
    /// get below ~1e-9 however exact the solve.
    double
    residual_roundoff(const PETScWrappers::MPI::SparseMatrix &jacobian,
                      const PETScWrappers::MPI::Vector       &u,
                      const IndexSet                         &owned,
                      const IndexSet                         &relevant,
                      const MPI_Comm                          comm)
    {
      // Straight on PETSc's CSR arrays: deal.II's matrix iterators copy
      // every row, which made this check 20 % of a channel ramp.
      Mat             diagonal = jacobian, off_diagonal = nullptr;
      const PetscInt *colmap = nullptr;
      PetscBool       is_mpi = PETSC_FALSE;
      PetscObjectTypeCompare(reinterpret_cast<PetscObject>(
                               static_cast<Mat>(jacobian)),
                             MATMPIAIJ,
                             &is_mpi);
      if (is_mpi)
        AssertThrow(
          MatMPIAIJGetSeqAIJ(jacobian, &diagonal, &off_diagonal, &colmap) == 0,
          ExcMessage("residual_roundoff: no MPIAIJ blocks"));

      // u on the owned columns (the diagonal block's local numbering), and
      // on the off-diagonal block's columns (colmap, global); columns this
      // rank does not hold (couplings through constraints on adapted
      // meshes) count as zero: an estimate, not a bound.
      std::vector<double> u_owned(owned.n_elements());
      {
        const PetscScalar *local = nullptr;
        VecGetArrayRead(u, &local); // the owned part, also when ghosted
        std::copy(local, local + u_owned.size(), u_owned.begin());
        VecRestoreArrayRead(u, &local);
      }
      std::vector<double> u_off;
      PetscInt            n_off_columns = 0;
      if (off_diagonal != nullptr)
        {
          PetscInt rows = 0;
          MatGetSize(off_diagonal, &rows, &n_off_columns);
          u_off.resize(n_off_columns, 0.);
          for (PetscInt k = 0; k < n_off_columns; ++k)
            if (relevant.is_element(colmap[k]))
              u_off[k] = u(colmap[k]);
        }

      std::vector<double> row_terms(owned.n_elements(), 0.);
      const auto          add_block = [&](Mat                        block,
                                 const std::vector<double> &u_block) {
        PetscInt           n         = 0;
        const PetscInt    *row_start = nullptr, *columns = nullptr;
        PetscBool          done   = PETSC_FALSE;
        const PetscScalar *values = nullptr;
        MatGetRowIJ(
          block, 0, PETSC_FALSE, PETSC_FALSE, &n, &row_start, &columns, &done);
        AssertThrow(done == PETSC_TRUE &&
                      static_cast<std::size_t>(n) == row_terms.size(),
                    ExcMessage("residual_roundoff: no CSR access"));
        MatSeqAIJGetArrayRead(block, &values);
        for (PetscInt i = 0; i < n; ++i)
          for (PetscInt k = row_start[i]; k < row_start[i + 1]; ++k)
            row_terms[i] += std::abs(values[k] * u_block[columns[k]]);
        MatSeqAIJRestoreArrayRead(block, &values);
        MatRestoreRowIJ(
          block, 0, PETSC_FALSE, PETSC_FALSE, &n, &row_start, &columns, &done);
      };
      add_block(diagonal, u_owned);
      if (off_diagonal != nullptr)
        add_block(off_diagonal, u_off);

      double sum = 0.;
      for (const double terms : row_terms)
        sum += terms * terms;
      return std::numeric_limits<double>::epsilon() *
             std::sqrt(Utilities::MPI::sum(sum, comm));
    }
  } // namespace

  template <int dim>
  SteadySolver<dim>::SteadySolver(Discretization<dim>          &discretization,
                                  const NernstPlanckModel<dim> &model,
                                  const NewtonSettings         &newton,
                                  const LinearSolverSettings   &linear,
                                  ConditionalOStream           &log)
    : discretization(discretization)
    , model(model)
    , settings(newton)
    , op(discretization,
         model,
         NernstPlanckOperator<dim>::Rows::kinetic_invariants)
    , linear_solver(
        std::make_unique<LinearSolver>(linear,
                                       discretization.owned_dofs_by_component,
                                       model.component_names(),
                                       model.potential_component(),
                                       dim,
                                       discretization.dof_handler.n_dofs(),
                                       discretization.comm))
    , log(log)
  {
    // Frozen concentrations: every species DoF (and gas mole fraction) is
    // held, only the potentials (psi, and the solid phase of porous
    // electrodes) move.
    frozen_constraints.clear();
    frozen_constraints.reinit(discretization.relevant_dofs);
    frozen_constraints.merge(discretization.update_constraints);
    const unsigned int                   pc = model.potential_component();
    std::vector<types::global_dof_index> dofs(
      discretization.fe->n_dofs_per_cell());
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        {
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            if ((discretization.fe->system_to_component_index(i).first < pc ||
                 discretization.fe->system_to_component_index(i).first >=
                   model.n_liquid_components()) &&
                !frozen_constraints.is_constrained(dofs[i]))
              frozen_constraints.add_line(dofs[i]);
        }
    frozen_constraints.close();
  }

  template <int dim>
  double
  SteadySolver<dim>::constraint_residual(const AssemblyTargets &targets,
                                         const OperatingPoint  &point) const
  {
    return point.working_electrode < 0 ?
             0. :
             (targets.current - point.target_current) / point.current_scale;
  }

  template <int dim>
  double
  SteadySolver<dim>::admissible_fraction(const PETScWrappers::MPI::Vector &x,
                                         const PETScWrappers::MPI::Vector &dx,
                                         const double kept) const
  {
    std::string unused;
    return positive_step(discretization.ghosted(x),
                         discretization.ghosted(dx),
                         kept,
                         unused);
  }

  template <int dim>
  double
  SteadySolver<dim>::positive_step(const PETScWrappers::MPI::Vector &x,
                                   const PETScWrappers::MPI::Vector &dx,
                                   const double                      kept,
                                   std::string &limited_by) const
  {
    const auto        &fe         = *discretization.fe;
    const auto        &speciation = model.speciation();
    const unsigned int n_t        = speciation.n_transported();
    const double       c_ref      = model.scales.concentration;
    Vector<double> x_cell(fe.n_dofs_per_cell()), dx_cell(fe.n_dofs_per_cell());
    // Values of all components at each vertex of a cell.
    std::vector<std::vector<double>> c(
      fe.n_dofs_per_cell(), std::vector<double>(model.n_components()));
    std::vector<std::vector<double>> dc    = c;
    double                           alpha = 1.;
    // The smallest step of all ranks; the rank that has it says where.
    const auto smallest_over_ranks = [&](const double local,
                                         std::string &where) {
      const auto smallest =
        Utilities::MPI::min_max_avg(local, discretization.comm);
      where = Utilities::MPI::broadcast(discretization.comm,
                                        where,
                                        smallest.min_index);
      return smallest.min;
    };
    // Logarithmic species are positive for any unknowns (their steps are
    // clipped per unknown beforehand).
    if (model.has_logarithmic_unknowns())
      return 1.;
    // Fraction to the boundary: a step keeps the fraction `kept` of the
    // distance to the smallest allowed (round-off negative) concentration.
    // Totals that may be negative (c_OH - c_H) are not limited: their
    // species are positive by construction.
    const double tol = NernstPlanckModel<dim>::negative_concentration_tolerance;
    const auto   limit = [tol, kept](const double c, const double dc) {
      return (c > -tol && dc < 0.) ?
                 std::min(1., (1. - kept) * (c + tol) / -dc) :
                 1.;
    };
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const double rho =
            model.region(cell->material_id()).fixed_charge / c_ref;
          const double z_e =
            model.electrolyte[model.electrolyte.eliminated_species()].charge;
          cell->get_dof_values(x, x_cell);
          cell->get_dof_values(dx, dx_cell);
          for (unsigned int i = 0; i < x_cell.size(); ++i)
            {
              const auto [component, node] = fe.system_to_component_index(i);
              c[node][component]           = x_cell[i];
              dc[node][component]          = dx_cell[i];
            }
          for (unsigned int node = 0;
               node < fe.base_element(0).n_dofs_per_cell();
               ++node)
            {
              double     c_e = -rho / z_e, dc_e = 0.;
              const auto keep = [&](const double a, const std::string &name) {
                if (a >= alpha)
                  return;
                alpha = a;
                std::ostringstream where;
                where << name << " at (" << cell->vertex(node) << ") m";
                limited_by = where.str();
              };
              for (unsigned int k = 0; k < n_t; ++k)
                {
                  const double factor = speciation.eliminated_derivative(k);
                  c_e += factor * c[node][k];
                  dc_e += factor * dc[node][k];
                  if (speciation.positive_total(k))
                    keep(limit(c[node][k], dc[node][k]),
                         speciation.component_name(k));
                }
              keep(
                limit(c_e, dc_e),
                model.electrolyte[model.electrolyte.eliminated_species()].name);
            }
        }
    return smallest_over_ranks(alpha, limited_by);
  }

  template <int dim>
  unsigned int
  SteadySolver<dim>::clip_logarithmic_steps(const PETScWrappers::MPI::Vector &x,
                                            PETScWrappers::MPI::Vector &dx,
                                            std::string &limited_by) const
  {
    const auto  &speciation = model.speciation();
    const double t0         = Physics::Speciation::log_threshold;
    // The total of an unknown and back: T = u above t0, below it
    // T = t0 exp(u / t0 - 1).
    const auto total = [t0](const double u) {
      return u >= t0 ? u : t0 * std::exp(u / t0 - 1.);
    };
    const auto unknown = [t0](const double T) {
      return T >= t0 ? T : t0 * (1. + std::log(T / t0));
    };
    // A step changes a total by at most a factor e^5 either way, except
    // upward in the linear range (where Newton is linear); never below
    // min_total, where c would underflow and its Jacobian column vanish.
    const double                         factor = std::exp(5.);
    std::vector<types::global_dof_index> indices;
    std::vector<double>                  values;
    for (unsigned int k = 0; k < speciation.n_transported(); ++k)
      if (speciation.positive_total(k))
        for (const auto i : discretization.owned_dofs_by_component[k])
          {
            const double d = dx(i);
            if (d == 0.) // held by a constraint
              continue;
            const double T = total(x(i));
            const double lower =
              std::min(x(i), unknown(std::max(T / factor, min_total)));
            const double upper   = x(i) < t0 ? unknown(T * factor) :
                                               std::numeric_limits<double>::max();
            const double clipped = std::clamp(x(i) + d, lower, upper) - x(i);
            if (clipped != d)
              {
                indices.push_back(i);
                values.push_back(clipped);
                limited_by = speciation.component_name(k);
              }
          }
    dx.set(indices, values);
    dx.compress(VectorOperation::insert);
    const unsigned int n_clipped =
      Utilities::MPI::sum(static_cast<unsigned int>(indices.size()),
                          discretization.comm);
    if (n_clipped > 0)
      limited_by = Utilities::MPI::broadcast(
        discretization.comm,
        limited_by,
        Utilities::MPI::min_max_avg(indices.empty() ? 0. : 1.,
                                    discretization.comm)
          .max_index);
    return n_clipped;
  }

  template <int dim>
  double
  SteadySolver<dim>::update_norm(const PETScWrappers::MPI::Vector &x,
                                 const PETScWrappers::MPI::Vector &dx) const
  {
    if (!model.has_logarithmic_unknowns())
      return dx.linfty_norm();
    // A logarithmic unknown u (below t0) changes its total by
    // dT = (T / t0) du with T = t0 exp(u / t0 - 1): measured so, a species
    // at 1e-30 that still moves by a factor e is converged.
    const auto  &speciation = model.speciation();
    const double t0         = Physics::Speciation::log_threshold;
    double       largest    = 0.;
    for (unsigned int k = 0; k < model.n_components(); ++k)
      {
        const bool logarithmic =
          k < speciation.n_transported() && speciation.positive_total(k);
        for (const auto i : discretization.owned_dofs_by_component[k])
          largest = std::max(largest,
                             std::abs(dx(i)) * (logarithmic && x(i) < t0 ?
                                                  std::exp(x(i) / t0 - 1.) :
                                                  1.));
      }
    return Utilities::MPI::max(largest, discretization.comm);
  }

  namespace
  {
    double
    seconds_since(const std::chrono::steady_clock::time_point start)
    {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                           start)
        .count();
    }
  } // namespace

  template <int dim>
  bool
  SteadySolver<dim>::bordered_update(const AssemblyTargets &targets,
                                     const OperatingPoint  &point,
                                     const double           g,
                                     const double           norm,
                                     const bool             same_newton_solve,
                                     NewtonVectors         &v,
                                     double                &dv,
                                     NewtonReport          &report)
  {
    linear_solver->set_operator(discretization.jacobian, same_newton_solve);
    linear_solver->set_forcing(norm);
    v.rhs = v.residual;
    v.rhs *= -1.;
    dv               = 0.;
    const auto clock = std::chrono::steady_clock::now();
    try
      {
        report.linear_iterations += linear_solver->solve(v.rhs, v.y);
        if (point.working_electrode >= 0)
          {
            // w = J^-1 dr/dV (v.z) moves little between Newton steps and
            // between nearby operating points: start from the last one.
            const bool from_guess =
              same_newton_solve ||
              last_border_electrode == point.working_electrode;
            if (!same_newton_solve && from_guess)
              v.z = last_border_solution;
            report.linear_iterations +=
              linear_solver->solve(v.d_r_d_v, v.z, from_guess);
            last_border_solution  = v.z;
            last_border_electrode = point.working_electrode;
            const double c_dot_y  = (v.d_i_d_x * v.y) / point.current_scale;
            const double c_dot_z  = (v.d_i_d_x * v.z) / point.current_scale;
            const double d =
              targets.d_current_d_potential / point.current_scale;
            dv       = (-g - c_dot_y) / (d - c_dot_z);
            v.update = v.y;
            v.update.add(-dv, v.z);
          }
        else
          v.update = v.y;
      }
    catch (const LinearSolveFailure &e)
      {
        report.failure = e.what();
        return false;
      }
    report.solve_seconds += seconds_since(clock);
    return true;
  }

  template <int dim>
  double
  SteadySolver<dim>::damped_length(const PETScWrappers::MPI::Vector &solution,
                                   const PETScWrappers::MPI::Vector &update,
                                   const double                      dv,
                                   double                           &positive,
                                   std::string                      &limited_by,
                                   NewtonReport &report) const
  {
    positive     = positive_step(discretization.ghosted(solution),
                             discretization.ghosted(update),
                             0.01,
                             limited_by);
    double alpha = positive;
    // A node at the undershoot bound that Newton keeps pushing below it
    // shrinks the step 100-fold per iteration: fail now, so the
    // continuation can take a smaller step, instead of creeping.
    if (positive < 1e-4 && !model.has_logarithmic_unknowns())
      {
        report.failure =
          "the Newton step is held by positivity (" + limited_by +
          " would fall below the undershoot tolerance); " +
          (model.edge_fluxes ? "a smaller continuation step may avoid it" :
                               "refine the mesh there");
        return -1.;
      }
    // Potentials: psi and, with porous electrodes, the solid's.
    double max_dpsi = std::abs(dv);
    for (unsigned int k = model.potential_component();
         k < model.n_liquid_components();
         ++k)
      for (const auto i : discretization.owned_dofs_by_component[k])
        max_dpsi = std::max(max_dpsi, std::abs(update(i)));
    max_dpsi = Utilities::MPI::max(max_dpsi, discretization.comm);
    if (max_dpsi * alpha > settings.max_potential_step)
      alpha = settings.max_potential_step / max_dpsi;
    return alpha;
  }

  template <int dim>
  bool
  SteadySolver<dim>::line_search(PETScWrappers::MPI::Vector      &solution,
                                 OperatingPoint                  &point,
                                 const AffineConstraints<double> &constraints,
                                 const double                     dv,
                                 const double     reference_norm,
                                 double          &alpha,
                                 double          &trial_norm,
                                 AssemblyTargets &system,
                                 bool            &system_is_current,
                                 NewtonVectors   &v,
                                 NewtonReport    &report)
  {
    const int w = point.working_electrode;
    for (unsigned int halving = 0; halving < 12; ++halving, alpha *= 0.5)
      {
        v.trial = solution;
        v.trial.add(alpha, v.update);
        OperatingPoint trial_point = point;
        if (w >= 0)
          trial_point.f_electrode_potentials[w] += alpha * dv;
        AssemblyTargets residual_only;
        residual_only.residual = &v.rhs;
        AssemblyTargets &trial = halving == 0 ? system : residual_only;
        const auto       clock = std::chrono::steady_clock::now();
        op.assemble(discretization.ghosted(v.trial),
                    trial_point.f_electrode_potentials,
                    w,
                    constraints,
                    trial);
        report.assembly_seconds += seconds_since(clock);
        const double tg = constraint_residual(trial, trial_point);
        trial_norm      = std::sqrt(trial.residual->norm_sqr() + tg * tg);
        if (std::isfinite(trial_norm) &&
            trial_norm <= (1. - 1e-4 * alpha) * reference_norm)
          {
            solution          = v.trial;
            point             = trial_point;
            system_is_current = halving == 0;
            return true;
          }
      }
    system_is_current = false;
    return false;
  }

  template <int dim>
  void
  SteadySolver<dim>::log_iteration(const unsigned int iteration,
                                   const double       norm,
                                   const double       trial_norm,
                                   const double       update,
                                   const double       step,
                                   const unsigned int linear_iterations,
                                   const std::string &held,
                                   const std::string &clipped) const
  {
    log << "      Newton " << std::setw(2) << iteration << ": residual "
        << std::scientific << std::setprecision(3) << norm << " -> "
        << trial_norm << ", update " << update << ", step " << std::defaultfloat
        << std::setprecision(3) << step << ", " << linear_iterations
        << " linear its" << (held.empty() ? std::string() : " (" + held + ")")
        << (clipped.empty() ? std::string() : " (" + clipped + ")")
        << std::endl;
  }

  template <int dim>
  NewtonReport
  SteadySolver<dim>::solve(PETScWrappers::MPI::Vector &solution,
                           OperatingPoint             &point,
                           const NewtonRequest        &request)
  {
    // Before the first solve on this mesh, so that no linear solver sees
    // the full pattern (Discretization::compact_jacobian_pattern).
    double pattern_seconds = 0.;
    if (!pattern_compacted)
      {
        const auto clock = std::chrono::steady_clock::now();
        compact_jacobian_pattern_at_generic_state(op,
                                                  discretization,
                                                  solution,
                                                  point.f_electrode_potentials);
        pattern_compacted = true;
        pattern_seconds   = seconds_since(clock);
      }
    NewtonReport report = newton(solution, point, request);
    report.assembly_seconds += pattern_seconds;
    return report;
  }

  template <int dim>
  NewtonReport
  SteadySolver<dim>::newton(PETScWrappers::MPI::Vector &solution,
                            OperatingPoint             &point,
                            const NewtonRequest        &request)
  {
    const double residual_tolerance =
      settings.residual_tolerance * request.tolerance_factor;
    const double update_tolerance =
      settings.update_tolerance * request.update_tolerance_factor;
    const AffineConstraints<double> &constraints =
      request.freeze_concentrations ? frozen_constraints :
                                      discretization.update_constraints;
    const bool    bordered = point.working_electrode >= 0;
    const int     w        = point.working_electrode;
    NewtonReport  report;
    NewtonVectors v(discretization);

    // Row factors of fast volume reactions from this solve's start; fixed
    // while it runs, so that residual norms stay comparable.
    op.set_row_scale(discretization.ghosted(solution));

    // Error estimate of the state after the last applied update: with the
    // contraction theta = |dx_k| / |dx_k-1| of two full Newton steps, the
    // remaining error is at most theta / (1 - theta) |dx_k| (max-norms; a
    // damped step, or theta >= 1, estimates nothing).
    double remaining_error = std::numeric_limits<double>::max();
    double previous_step   = std::numeric_limits<double>::max();
    // Residual norms of the last iterations: a step whose logarithmic
    // unknowns were clipped is measured against the largest of them (a
    // nonmonotone line search, Grippo et al. 1986). A trace species grows
    // by e^5 per step while its residual, set by its production, stays
    // flat until it nears its level; a monotone test would reject that.
    std::deque<double> recent_norms;
    AssemblyTargets    targets;
    targets.jacobian = &discretization.jacobian;
    targets.residual = &v.residual;
    if (bordered)
      {
        targets.d_residual_d_potential = &v.d_r_d_v;
        targets.d_current_d_solution   = &v.d_i_d_x;
      }
    // True when `targets` holds the system at `solution` (assembled by the
    // line search's accepted first trial).
    bool         system_is_current = false;
    unsigned int short_steps       = 0;
    for (unsigned int it = 0; it <= settings.max_iterations; ++it)
      {
        if (!system_is_current)
          {
            const auto clock = std::chrono::steady_clock::now();
            op.assemble(discretization.ghosted(solution),
                        point.f_electrode_potentials,
                        w,
                        constraints,
                        targets);
            report.assembly_seconds += seconds_since(clock);
          }
        system_is_current = false;
        const double g    = constraint_residual(targets, point);
        const double norm = std::sqrt(v.residual.norm_sqr() + g * g);
        report.residual   = norm;
        recent_norms.push_back(norm);
        if (recent_norms.size() > 5)
          recent_norms.pop_front();
        if (!std::isfinite(norm))
          {
            report.failure = "the residual is not finite (NaN or overflow)";
            return report;
          }
        // Below the tolerance, or below the residual's round-off level
        // where that is higher (computed only when the rest says converged:
        // it costs a pass over the Jacobian).
        double     roundoff         = -1.;
        const auto within_tolerance = [&]() {
          if (norm <= residual_tolerance)
            return true;
          if (roundoff < 0.)
            roundoff = residual_roundoff(discretization.jacobian,
                                         discretization.ghosted(solution),
                                         discretization.owned_dofs,
                                         discretization.relevant_dofs,
                                         discretization.comm);
          return norm <= roundoff;
        };
        if (it > 0 && remaining_error <= update_tolerance && within_tolerance())
          {
            report.converged = true;
            return report;
          }
        if (it == settings.max_iterations)
          break;

        double dv = 0.;
        if (!bordered_update(targets, point, g, norm, it > 0, v, dv, report))
          return report;
        constraints.distribute(v.update);
        report.iterations = it + 1;

        // Damping: positivity and bounded potential steps.
        std::string        limited_by;
        const unsigned int n_clipped =
          model.has_logarithmic_unknowns() ?
            clip_logarithmic_steps(solution, v.update, limited_by) :
            0;
        // Clipping acts per DoF: hanging nodes follow their (clipped)
        // parents again, or the state leaves its constraints for good.
        if (n_clipped > 0)
          constraints.distribute(v.update);
        double positive = 1.;
        double alpha =
          damped_length(solution, v.update, dv, positive, limited_by, report);
        if (alpha < 0.)
          {
            log << "      Newton " << std::setw(2) << it + 1 << ": "
                << report.failure << std::endl;
            return report;
          }
        const double update_size =
          std::max(update_norm(solution, v.update), std::abs(dv));
        // The round-off level, if it may decide below, while the Jacobian
        // is still that of the current state (the line search reassembles).
        if (update_size <= update_tolerance)
          within_tolerance();
        // A full step below the update tolerance from a residual below its
        // tolerance is convergence: the residual is then at its round-off
        // floor, where the line search would only compare noise (and may
        // reject the step for it).
        if (alpha == 1. && update_size <= update_tolerance &&
            within_tolerance())
          {
            solution.add(1., v.update);
            if (bordered)
              point.f_electrode_potentials[w] += dv;
            log << "      Newton " << std::setw(2) << it + 1 << ": update "
                << std::scientific << std::setprecision(3) << update_size
                << " below the tolerance: converged" << std::defaultfloat
                << std::endl;
            report.converged = true;
            return report;
          }

        // Backtracking line search on the residual norm.
        const double reference_norm =
          n_clipped > 0 ?
            *std::max_element(recent_norms.begin(), recent_norms.end()) :
            norm;
        double     trial_norm = 0.;
        const bool accepted   = line_search(solution,
                                          point,
                                          constraints,
                                          dv,
                                          reference_norm,
                                          alpha,
                                          trial_norm,
                                          targets,
                                          system_is_current,
                                          v,
                                          report);
        if (accepted)
          {
            const double step  = alpha * update_size;
            const double theta = alpha == 1. ? step / previous_step : 1.;
            remaining_error    = theta < 1. ? theta / (1. - theta) * step :
                                              std::numeric_limits<double>::max();
            previous_step =
              alpha == 1. ? step : std::numeric_limits<double>::max();
          }
        log_iteration(it + 1,
                      norm,
                      trial_norm,
                      (accepted ? alpha : 0.) * update_size,
                      accepted ? alpha : 0.,
                      report.linear_iterations,
                      positive < 0.1 ?
                        "step held by positivity: " + limited_by :
                        std::string(),
                      n_clipped > 0 ?
                        std::to_string(n_clipped) +
                          " logarithmic steps clipped, e.g. " + limited_by :
                        std::string());
        // Asked for more than the usual tolerance, a full step that no
        // longer halves a residual already below it is at round-off: the
        // caller's balances decide, not more creeping steps.
        if (accepted && alpha == 1. && request.tolerance_factor < 1. &&
            (norm <= settings.residual_tolerance || within_tolerance()) &&
            trial_norm > 0.5 * norm)
          {
            report.converged = true;
            return report;
          }
        short_steps = accepted && alpha < 0.1 ? short_steps + 1 : 0;
        if (request.give_up_after_short_steps > 0 &&
            short_steps >= request.give_up_after_short_steps)
          {
            report.failure = std::to_string(short_steps) +
                             " Newton steps in a row shorter than 0.1";
            return report;
          }
        if (!accepted)
          {
            // Stagnation below the tolerance with a small update is the
            // round-off floor: convergence, not failure.
            if (update_size <= update_tolerance && within_tolerance())
              {
                log << "      stagnated at residual " << norm
                    << " (round-off level " << std::max(roundoff, 0.)
                    << "): converged" << std::endl;
                report.converged = true;
                return report;
              }
            std::ostringstream why;
            why << "the line search found no decrease of the residual "
                << std::scientific << std::setprecision(2) << norm
                << " (tolerance " << residual_tolerance << ")";
            report.failure = why.str();
            return report;
          }
      }
    report.failure = "no convergence in " +
                     std::to_string(settings.max_iterations) +
                     " Newton iterations";
    return report;
  }

  template class SteadySolver<2>;
  template class SteadySolver<3>;
} // namespace NOxFlow
