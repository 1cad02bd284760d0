#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_renumbering.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/block_sparsity_pattern.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <solver/flow/block_preconditioner.h>
#include <solver/flow/flow_cell_coefficients.h>
#include <solver/flow/flow_solver.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <stdexcept>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    double
    seconds_since(const std::chrono::steady_clock::time_point start)
    {
      return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                           start)
        .count();
    }

    /// A velocity function padded with a zero pressure component.
    template <int dim>
    class VelocityWithPressure : public Function<dim>
    {
    public:
      explicit VelocityWithPressure(const Function<dim> &velocity)
        : Function<dim>(dim + 1)
        , velocity(velocity)
      {}

      double
      value(const Point<dim> &p, const unsigned int component) const override
      {
        return component < dim ? velocity.value(p, component) : 0.;
      }

    private:
      const Function<dim> &velocity;
    };
  } // namespace

  template <int dim>
  FlowDofLayout
  renumber_flow_dofs(DoFHandler<dim> &dofs)
  {
    std::vector<unsigned int> block_of_component(dim + 1, 0);
    block_of_component[dim] = 1;
    DoFRenumbering::component_wise(dofs, block_of_component);
    const std::vector<types::global_dof_index> per_block =
      DoFTools::count_dofs_per_fe_block(dofs, block_of_component);
    const types::global_dof_index n_u = per_block[0], n_p = per_block[1];

    const IndexSet owned_all = dofs.locally_owned_dofs();
    IndexSet       relevant_all;
    DoFTools::extract_locally_relevant_dofs(dofs, relevant_all);
    return {{owned_all.get_view(0, n_u), owned_all.get_view(n_u, n_u + n_p)},
            {relevant_all.get_view(0, n_u),
             relevant_all.get_view(n_u, n_u + n_p)}};
  }

  template <int dim>
  FlowSolver<dim>::FlowSolver(
    const parallel::distributed::Triangulation<dim> &tria,
    const FlowProblem<dim>                          &problem,
    const FlowSolverSettings                        &settings)
    : tria(tria)
    , flow(problem)
    , settings(settings)
    , comm(tria.get_communicator())
    , fe(FE_Q<dim>(2), dim, FE_Q<dim>(1), 1)
    , dofs(tria)
    , low_order_velocity(fe)
  {}

  template <int dim>
  FlowSolver<dim>::~FlowSolver()
  {
    dofs.clear();
  }

  template <int dim>
  void
  FlowSolver<dim>::setup()
  {
    dofs.distribute_dofs(fe);
    const FlowDofLayout layout = renumber_flow_dofs(dofs);
    owned                      = layout.owned;
    relevant                   = layout.relevant;
    const IndexSet owned_all   = dofs.locally_owned_dofs();
    IndexSet       relevant_all;
    DoFTools::extract_locally_relevant_dofs(dofs, relevant_all);

    // Walls: every boundary that is not an inlet, outlet or symmetry plane.
    std::set<types::boundary_id> walls;
    for (const auto id : tria.get_boundary_ids())
      if (flow.inlet_velocity.count(id) == 0 &&
          flow.outlet_pressure.count(id) == 0 && flow.symmetry.count(id) == 0)
        walls.insert(id);

    const FEValuesExtractors::Vector velocities(0);
    const ComponentMask velocity_mask = fe.component_mask(velocities);
    const Functions::ZeroFunction<dim> zero(dim + 1);
    const auto build = [&](AffineConstraints<double> &c, const bool values) {
      c.clear();
      c.reinit(relevant_all);
      DoFTools::make_hanging_node_constraints(dofs, c);
      // Walls first: where an inlet meets a wall, no-slip wins.
      for (const auto id : walls)
        VectorTools::interpolate_boundary_values(
          dofs, id, zero, c, velocity_mask);
      for (const auto &[id, velocity] : flow.inlet_velocity)
        {
          if (values)
            VectorTools::interpolate_boundary_values(
              dofs, id, VelocityWithPressure<dim>(*velocity), c, velocity_mask);
          else
            VectorTools::interpolate_boundary_values(
              dofs, id, zero, c, velocity_mask);
        }
      if (!flow.symmetry.empty())
        VectorTools::compute_no_normal_flux_constraints(dofs,
                                                        0,
                                                        flow.symmetry,
                                                        c);
      c.close();
    };
    build(solution_constraints, true);
    build(update_constraints, false);

    // The saddle point couples everything but pressure-pressure; the
    // pressure preconditioner matrices are pressure-pressure only.
    const auto pattern = [&](const bool pressure_block_only) {
      Table<2, DoFTools::Coupling> coupling(dim + 1, dim + 1);
      for (unsigned int i = 0; i <= dim; ++i)
        for (unsigned int j = 0; j <= dim; ++j)
          coupling[i][j] = ((i == dim && j == dim) == pressure_block_only) ?
                             DoFTools::always :
                             DoFTools::none;
      BlockDynamicSparsityPattern dsp(relevant);
      DoFTools::make_sparsity_pattern(
        dofs, coupling, dsp, update_constraints, false);
      SparsityTools::distribute_sparsity_pattern(dsp,
                                                 owned_all,
                                                 comm,
                                                 relevant_all);
      return dsp;
    };
    jacobian.reinit(owned, pattern(false), comm);
    const BlockDynamicSparsityPattern pressure_pattern = pattern(true);
    pressure_mass.reinit(owned, pressure_pattern, comm);
    if (!flow.porous.empty())
      darcy_laplacian.reinit(owned, pressure_pattern, comm);

    const types::global_dof_index n_velocity = owned[0].size();
    velocity_by_amg =
      settings.velocity_solver == FlowVelocitySolver::low_order_amg ||
      (settings.velocity_solver == FlowVelocitySolver::automatic &&
       n_velocity > direct_velocity_limit(dim));
    if (velocity_by_amg)
      low_order_velocity.reinit(dofs, update_constraints, owned, relevant);

    owned_solution.reinit(owned, comm);
    ghosted_solution.reinit(owned, relevant, comm);
    rhs.reinit(owned, comm);
  }

  template <int dim>
  void
  FlowSolver<dim>::assemble_pressure_preconditioners()
  {
    const QGauss<dim> quadrature(3);
    FEValues<dim>     fe_values(
      fe, quadrature, update_values | update_gradients | update_JxW_values);
    const unsigned int               n_dofs = fe.n_dofs_per_cell();
    const FEValuesExtractors::Scalar pressure(dim);
    FullMatrix<double> mass(n_dofs, n_dofs), laplace(n_dofs, n_dofs);
    std::vector<types::global_dof_index> local_dofs(n_dofs);

    // Open cells count as highly permeable in the Darcy Laplacian, so the
    // Darcy part vanishes there; a tiny mass term removes its null space.
    const double length       = GridTools::diameter(tria);
    const double mu           = flow.fluid.viscosity;
    double       mobility_min = std::numeric_limits<double>::max();
    for (const auto &[id, medium] : flow.porous)
      for (unsigned int d = 0; d < dim; ++d)
        mobility_min = std::min(mobility_min, medium.permeability[d] / mu);
    const double open_mobility = 1e2 * length * length / mu;
    const double regularization =
      flow.porous.empty() ? 0. : 1e-6 * mobility_min / (length * length);

    pressure_mass = 0.;
    if (!flow.porous.empty())
      darcy_laplacian = 0.;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        fe_values.reinit(cell);
        const FlowCellCoefficients c =
          flow_cell_coefficients(flow, cell->material_id(), 1.);
        // Darcy cells have no viscous Schur part: a vanishing weight.
        const double gamma =
          grad_div_coefficient(c, velocity_scale, cell->diameter());
        const double mass_weight = c.effective_viscosity > 0. ?
                                     1. / (c.effective_viscosity + gamma) :
                                     1e6 / mu;
        mass                     = 0.;
        laplace                  = 0.;
        for (unsigned int q = 0; q < quadrature.size(); ++q)
          for (unsigned int i = 0; i < n_dofs; ++i)
            {
              if (fe.system_to_component_index(i).first != dim)
                continue;
              const double         phi_i  = fe_values[pressure].value(i, q);
              const Tensor<1, dim> grad_i = fe_values[pressure].gradient(i, q);
              for (unsigned int j = 0; j < n_dofs; ++j)
                {
                  if (fe.system_to_component_index(j).first != dim)
                    continue;
                  const double         phi_j = fe_values[pressure].value(j, q);
                  const Tensor<1, dim> grad_j =
                    fe_values[pressure].gradient(j, q);
                  mass(i, j) += mass_weight * phi_i * phi_j * fe_values.JxW(q);
                  double k_grad = 0.;
                  for (unsigned int d = 0; d < dim; ++d)
                    k_grad += (c.porous ? c.mobility[d] : open_mobility) *
                              grad_i[d] * grad_j[d];
                  laplace(i, j) += (k_grad + regularization * phi_i * phi_j) *
                                   fe_values.JxW(q);
                }
            }
        cell->get_dof_indices(local_dofs);
        update_constraints.distribute_local_to_global(mass,
                                                      local_dofs,
                                                      pressure_mass);
        if (!flow.porous.empty())
          update_constraints.distribute_local_to_global(laplace,
                                                        local_dofs,
                                                        darcy_laplacian);
      }
    pressure_mass.compress(VectorOperation::add);
    if (!flow.porous.empty())
      darcy_laplacian.compress(VectorOperation::add);
  }

  template <int dim>
  double
  FlowSolver<dim>::assemble(const double density_fraction,
                            const bool   with_matrix)
  {
    const QGauss<dim>                quadrature(3);
    const QGauss<dim - 1>            face_quadrature(3);
    FEValues<dim>                    fe_values(fe,
                            quadrature,
                            update_values | update_gradients |
                              update_quadrature_points | update_JxW_values);
    FEFaceValues<dim>                fe_face_values(fe,
                                     face_quadrature,
                                     update_values | update_normal_vectors |
                                       update_JxW_values);
    const unsigned int               n_dofs = fe.n_dofs_per_cell();
    const unsigned int               n_q    = quadrature.size();
    const FEValuesExtractors::Vector velocities(0);
    const FEValuesExtractors::Scalar pressure(dim);

    FullMatrix<double>                   cell_matrix(n_dofs, n_dofs);
    Vector<double>                       cell_rhs(n_dofs);
    std::vector<types::global_dof_index> local_dofs(n_dofs);
    std::vector<Tensor<1, dim>>          u(n_q);
    std::vector<Tensor<2, dim>>          grad_u(n_q);
    std::vector<double>                  p(n_q);
    std::vector<Vector<double>>          force(n_q, Vector<double>(dim));
    std::vector<Tensor<1, dim>>          phi_u(n_dofs);
    std::vector<Tensor<2, dim>>          grad_phi_u(n_dofs);
    std::vector<double>                  div_phi_u(n_dofs), phi_p(n_dofs);
    std::vector<double>                  phi(n_dofs), u_grad(n_dofs);
    std::vector<Tensor<1, dim>>          grad_phi(n_dofs);
    std::vector<unsigned int>            component(n_dofs);
    for (unsigned int k = 0; k < n_dofs; ++k)
      component[k] = fe.system_to_component_index(k).first;

    if (with_matrix)
      jacobian = 0.;
    rhs = 0.;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        fe_values.reinit(cell);
        cell_matrix = 0.;
        cell_rhs    = 0.;
        const FlowCellCoefficients c =
          flow_cell_coefficients(flow, cell->material_id(), density_fraction);
        const double gamma =
          grad_div_coefficient(c, velocity_scale, cell->diameter());
        fe_values[velocities].get_function_values(ghosted_solution, u);
        fe_values[velocities].get_function_gradients(ghosted_solution, grad_u);
        fe_values[pressure].get_function_values(ghosted_solution, p);
        if (flow.body_force)
          flow.body_force->vector_value_list(fe_values.get_quadrature_points(),
                                             force);

        for (unsigned int q = 0; q < n_q; ++q)
          {
            for (unsigned int k = 0; k < n_dofs; ++k)
              {
                phi_u[k]      = fe_values[velocities].value(k, q);
                grad_phi_u[k] = fe_values[velocities].gradient(k, q);
                div_phi_u[k]  = fe_values[velocities].divergence(k, q);
                phi_p[k]      = fe_values[pressure].value(k, q);
              }
            // Momentum: inertia + drag - body force (tested with phi_u);
            // viscous stress and pressure (tested with grad phi_u).
            Tensor<1, dim> momentum = c.inertia_density * (grad_u[q] * u[q]);
            for (unsigned int d = 0; d < dim; ++d)
              momentum[d] += c.drag[d] * u[q][d] - force[q][d];
            const Tensor<2, dim> stress = c.effective_viscosity * grad_u[q];
            const double         div_u  = trace(grad_u[q]);
            const double         gamma_div_u = gamma * div_u;
            const double         jxw         = fe_values.JxW(q);

            for (unsigned int i = 0; i < n_dofs; ++i)
              {
                const double residual = momentum * phi_u[i] +
                                        scalar_product(stress, grad_phi_u[i]) +
                                        gamma_div_u * div_phi_u[i] -
                                        p[q] * div_phi_u[i] - phi_p[i] * div_u;
                cell_rhs(i) -= residual * jxw;
              }
            if (!with_matrix)
              continue;
            // Each shape function has one nonzero component, so the
            // Jacobian is assembled from scalars (several times faster
            // than tensor products, which matters for Q2 in 3D).
            for (unsigned int k = 0; k < n_dofs; ++k)
              {
                phi[k]      = fe_values.shape_value(k, q);
                grad_phi[k] = fe_values.shape_grad(k, q);
                u_grad[k]   = u[q] * grad_phi[k];
              }
            for (unsigned int i = 0; i < n_dofs; ++i)
              {
                const unsigned int ci = component[i];
                for (unsigned int j = 0; j < n_dofs; ++j)
                  {
                    const unsigned int cj    = component[j];
                    double             value = 0.;
                    if (ci < dim && cj < dim)
                      {
                        value = (c.inertia_density * grad_u[q][ci][cj] *
                                   phi[j] * phi[i] +
                                 gamma * grad_phi[j][cj] * grad_phi[i][ci]);
                        if (ci == cj)
                          value +=
                            (c.inertia_density * u_grad[j] +
                             c.drag[ci] * phi[j]) *
                              phi[i] +
                            c.effective_viscosity * (grad_phi[j] * grad_phi[i]);
                      }
                    else if (ci < dim && cj == dim)
                      value = -phi[j] * grad_phi[i][ci];
                    else if (ci == dim && cj < dim)
                      value = -phi[i] * grad_phi[j][cj];
                    cell_matrix(i, j) += value * jxw;
                  }
              }
          }

        // Outlets: the do-nothing traction with the outlet pressure.
        for (const unsigned int f : cell->face_indices())
          {
            if (!cell->face(f)->at_boundary())
              continue;
            const auto outlet =
              flow.outlet_pressure.find(cell->face(f)->boundary_id());
            if (outlet == flow.outlet_pressure.end() || outlet->second == 0.)
              continue;
            fe_face_values.reinit(cell, f);
            for (unsigned int q = 0; q < face_quadrature.size(); ++q)
              for (unsigned int i = 0; i < n_dofs; ++i)
                cell_rhs(i) -= outlet->second *
                               (fe_face_values[velocities].value(i, q) *
                                fe_face_values.normal_vector(q)) *
                               fe_face_values.JxW(q);
          }

        cell->get_dof_indices(local_dofs);
        if (with_matrix)
          update_constraints.distribute_local_to_global(
            cell_matrix, cell_rhs, local_dofs, jacobian, rhs);
        else
          update_constraints.distribute_local_to_global(cell_rhs,
                                                        local_dofs,
                                                        rhs);
      }
    if (with_matrix)
      jacobian.compress(VectorOperation::add);
    rhs.compress(VectorOperation::add);
    if (with_matrix && velocity_by_amg)
      low_order_velocity.assemble(dofs,
                                  update_constraints,
                                  flow,
                                  ghosted_solution,
                                  density_fraction,
                                  velocity_scale);
    return rhs.l2_norm();
  }

  template <int dim>
  unsigned int
  FlowSolver<dim>::solve_linear(BlockVector &update, const double tolerance)
  {
    const FlowBlockPreconditioner preconditioner(
      jacobian,
      pressure_mass,
      flow.porous.empty() ? nullptr : &darcy_laplacian,
      velocity_by_amg ? &low_order_velocity.velocity_block() : nullptr,
      dim);
    SolverControl control(settings.max_linear_iterations, tolerance);
    SolverFGMRES<BlockVector> fgmres(
      control, SolverFGMRES<BlockVector>::AdditionalData(100));
    update = 0.;
    fgmres.solve(jacobian, update, rhs, preconditioner);
    return control.last_step();
  }

  template <int dim>
  void
  FlowSolver<dim>::normalize_pressure()
  {
    ghosted_solution = owned_solution;
    if (flow.pressure_determined())
      return;
    const double mean = VectorTools::compute_mean_value(dofs,
                                                        QGauss<dim>(3),
                                                        ghosted_solution,
                                                        dim);
    owned_solution.block(1).add(-mean);
    ghosted_solution = owned_solution;
  }

  template <int dim>
  double
  FlowSolver<dim>::linear_tolerance(const double residual,
                                    const bool   linear_problem) const
  {
    // Stokes/Darcy is linear (constant viscosity, Darcy drag): one step
    // solved to the floor below is the solution. Solved to only 1e-8 of
    // its residual, the 2D channel's Stokes stage took a second step
    // (another assembly and LU factorisation) to gain the last 1e-2. Only
    // with the LU velocity block: with one AMG cycle for it, restarted
    // FGMRES is left to take its reduction in steps as before.
    const double floor =
      1e-3 * settings.residual_reduction * reference_residual;
    if (linear_problem && !velocity_by_amg)
      return floor;
    // Relative to the step's residual, but no tighter than 1e-3 of
    // Newton's own target: a step from a residual already near that
    // target needs no 1e-8 reduction (the 3D zero-gap flow's second
    // Stokes step took 628 FGMRES iterations for one). A floor at 0.1 of
    // the target left the Darcy slab's pressure drop 7e-8 off.
    return std::max(settings.linear_tolerance * residual, floor);
  }

  template <int dim>
  bool
  FlowSolver<dim>::newton(const double     density_fraction,
                          FlowSolveReport &report)
  {
    double previous = std::numeric_limits<double>::max();
    for (unsigned int it = 0;; ++it)
      {
        auto         start = std::chrono::steady_clock::now();
        const double norm  = assemble(density_fraction, true);
        report.assembly_seconds += seconds_since(start);
        if (reference_residual == 0.)
          reference_residual = report.initial_residual = norm;
        report.residual = norm;
        if (settings.log)
          *settings.log << "    flow Newton " << it << " (inertia "
                        << density_fraction << "): residual " << std::scientific
                        << std::setprecision(3) << norm << std::defaultfloat
                        << (it > 0 ? ", FGMRES iterations " +
                                       std::to_string(
                                         report.linear_iterations.back()) :
                                     std::string())
                        << std::endl;
        if (norm <= settings.residual_reduction * reference_residual)
          return true;
        if (!std::isfinite(norm) || it == settings.max_newton_iterations ||
            norm > 1e2 * previous)
          return false;
        previous = norm;

        start = std::chrono::steady_clock::now();
        BlockVector update(owned, comm);
        try
          {
            report.linear_iterations.push_back(
              solve_linear(update,
                           linear_tolerance(norm, density_fraction == 0.)));
          }
        catch (const SolverControl::NoConvergence &)
          {
            report.solve_seconds += seconds_since(start);
            return false;
          }
        report.solve_seconds += seconds_since(start);
        update_constraints.distribute(update);
        owned_solution += update;
        normalize_pressure();
        ++report.newton_iterations;
      }
  }

  template <int dim>
  FlowSolveReport
  FlowSolver<dim>::solve()
  {
    FlowSolveReport report;
    velocity_scale = 0.;
    assemble_pressure_preconditioners();
    owned_solution = 0.;
    solution_constraints.distribute(owned_solution);
    normalize_pressure();
    reference_residual = 0.;

    // Stokes first: linear, the start for the inertia steps.
    if (!newton(0., report))
      throw std::runtime_error(
        "The Stokes/Darcy flow solve did not converge (residual " +
        std::to_string(report.residual) +
        "); check the porous-media data and the flow boundary conditions.");
    report.density_fractions.push_back(0.);
    if (!flow.inertia)
      return report;
    // The Stokes speed scales the grad-div term and its Schur weight.
    velocity_scale = owned_solution.block(0).linfty_norm();
    assemble_pressure_preconditioners();

    // Reynolds continuation: full inertia at once, halving the density
    // step after a failed Newton solve.
    BlockVector  last_converged = owned_solution;
    double       done = 0., step = 1.;
    unsigned int halvings = 0;
    while (done < 1.)
      {
        const double fraction = std::min(1., done + step);
        if (newton(fraction, report))
          {
            done           = fraction;
            last_converged = owned_solution;
            report.density_fractions.push_back(fraction);
            step *= 2.;
            continue;
          }
        if (++halvings > settings.max_continuation_halvings)
          throw std::runtime_error(
            "The Navier-Stokes solve did not converge even at " +
            std::to_string(fraction) +
            " of the density (Reynolds continuation); the flow may be "
            "unsteady at this Reynolds number, or the mesh too coarse.");
        owned_solution = last_converged;
        normalize_pressure();
        step /= 2.;
      }
    return report;
  }

  template class FlowSolver<2>;
  template class FlowSolver<3>;
  template FlowDofLayout
  renumber_flow_dofs(DoFHandler<2> &);
  template FlowDofLayout
  renumber_flow_dofs(DoFHandler<3> &);
} // namespace NOxFlow
