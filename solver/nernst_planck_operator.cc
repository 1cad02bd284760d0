#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <physics/constants.h>
#include <solver/nernst_planck_operator.h>

#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// SUPG parameter for linear elements (Brooks-Hughes), scaled units.
    double
    supg_tau(const double speed, const double h, const double diffusivity)
    {
      if (speed < 1e-300)
        return 0.;
      const double peclet = speed * h / (2. * diffusivity);
      const double xi =
        peclet > 20. ?
          1. - 1. / peclet :
          (peclet < 1e-6 ? peclet / 3. : 1. / std::tanh(peclet) - 1. / peclet);
      return h / (2. * speed) * xi;
    }
  } // namespace

  template <int dim>
  NernstPlanckOperator<dim>::NernstPlanckOperator(
    const Discretization<dim>    &discretization,
    const NernstPlanckModel<dim> &model)
    : discretization(discretization)
    , model(model)
  {}

  template <int dim>
  void
  NernstPlanckOperator<dim>::assemble(
    const PETScWrappers::MPI::Vector &solution,
    const std::vector<double>        &f_phi_s,
    const int                         working_electrode,
    const AffineConstraints<double>  &constraints,
    AssemblyTargets                  &targets) const
  {
    const auto        &electrolyte = model.electrolyte;
    const auto        &transported = electrolyte.transported_species();
    const unsigned int n_species   = electrolyte.n_species();
    const unsigned int n_t         = transported.size();
    const unsigned int pc          = model.potential_component();
    const unsigned int eliminated  = electrolyte.eliminated_species();
    const double       c_ref       = model.scales.concentration;
    const double       d_ref       = model.scales.diffusivity;
    const double       eq_scale    = model.equation_scale();
    const double       f_rt        = Physics::Constants::f_over_rt;

    std::vector<double> z(n_species), d(n_species), d_elim(n_species, 0.);
    for (unsigned int s = 0; s < n_species; ++s)
      {
        z[s] = electrolyte[s].charge;
        d[s] = electrolyte[s].diffusivity / d_ref;
      }
    for (const unsigned int s : transported)
      d_elim[s] = electrolyte.eliminated_derivative(s);

    const auto           &fe = *discretization.fe;
    const QGauss<dim>     quadrature(2);
    const QGauss<dim - 1> face_quadrature(2);
    FEValues<dim>         fe_values(fe,
                            quadrature,
                            update_values | update_gradients |
                              update_quadrature_points | update_JxW_values);
    FEFaceValues<dim>     fe_face_values(fe,
                                     face_quadrature,
                                     update_values | update_quadrature_points |
                                       update_normal_vectors |
                                       update_JxW_values);

    const unsigned int        dofs_per_cell = fe.n_dofs_per_cell();
    const unsigned int        n_q           = quadrature.size();
    const unsigned int        n_face_q      = face_quadrature.size();
    std::vector<unsigned int> component(dofs_per_cell);
    for (unsigned int i = 0; i < dofs_per_cell; ++i)
      component[i] = fe.system_to_component_index(i).first;
    // Local DoF of (component, node); every component uses the same scalar
    // Q1 shape function at a node.
    const unsigned int n_nodes = fe.base_element(0).n_dofs_per_cell();
    std::vector<std::vector<unsigned int>> node_dof(
      n_t + 1, std::vector<unsigned int>(n_nodes));
    for (unsigned int c = 0; c <= n_t; ++c)
      for (unsigned int a = 0; a < n_nodes; ++a)
        node_dof[c][a] = fe.component_to_system_index(c, a);
    std::vector<Tensor<1, dim>> same_flux(n_nodes), psi_flux(n_nodes);
    std::vector<double>         same_strong(n_nodes), psi_strong(n_nodes);

    FullMatrix<double> cell_matrix(dofs_per_cell, dofs_per_cell);
    Vector<double>     cell_residual(dofs_per_cell);
    Vector<double>     cell_d_potential(dofs_per_cell);
    Vector<double>     cell_d_current(dofs_per_cell);
    std::vector<types::global_dof_index> dof_indices(dofs_per_cell);

    std::vector<Vector<double>> values(n_q, Vector<double>(n_t + 1));
    std::vector<std::vector<Tensor<1, dim>>> gradients(
      n_q, std::vector<Tensor<1, dim>>(n_t + 1));
    std::vector<Vector<double>> face_values(n_face_q, Vector<double>(n_t + 1));
    std::vector<Vector<double>> velocity(n_q, Vector<double>(dim));
    std::vector<Vector<double>> face_velocity(n_face_q, Vector<double>(dim));
    std::vector<Vector<double>> source(n_q, Vector<double>(n_species));
    std::vector<Vector<double>> face_source(n_face_q,
                                            Vector<double>(n_species));

    std::vector<double>         c(n_species), c_si(n_species), f(n_species);
    std::vector<Tensor<1, dim>> grad_c(n_species);
    std::vector<double>         tau(n_species);
    std::vector<Tensor<1, dim>> grad_phi(dofs_per_cell);
    std::vector<double>         phi(dofs_per_cell);
    std::vector<double>         u_grad_phi(dofs_per_cell);

    Physics::ReactionRate rate;
    // Per species and face point: scaled production and its derivatives.
    std::vector<double> s_value(n_species), s_d_psi(n_species),
      s_d_phi_s(n_species);
    std::vector<std::vector<double>> s_d_c(n_species, std::vector<double>(n_t));
    std::vector<double>              i_d_c(n_t);

    // Reaction lists per electrode, once rather than per face.
    std::vector<std::vector<unsigned int>> reactions_of_electrode;
    for (unsigned int e = 0; e < model.electrode_boundaries.size(); ++e)
      reactions_of_electrode.push_back(model.reactions_on(e));
    const std::vector<unsigned int> no_reactions;

    const bool with_matrix = targets.jacobian != nullptr;
    if (with_matrix)
      *targets.jacobian = 0.;
    if (targets.residual)
      *targets.residual = 0.;
    if (targets.d_residual_d_potential)
      *targets.d_residual_d_potential = 0.;
    if (targets.d_current_d_solution)
      *targets.d_current_d_solution = 0.;
    double current = 0., d_current_d_potential = 0.;

    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        fe_values.reinit(cell);
        cell->get_dof_indices(dof_indices);
        cell_matrix      = 0.;
        cell_residual    = 0.;
        cell_d_potential = 0.;
        cell_d_current   = 0.;

        fe_values.get_function_values(solution, values);
        fe_values.get_function_gradients(solution, gradients);
        if (model.velocity)
          model.velocity->values(fe_values, velocity);
        if (model.volume_source)
          model.volume_source->vector_value_list(
            fe_values.get_quadrature_points(), source);

        for (unsigned int q = 0; q < n_q; ++q)
          {
            const double jxw = fe_values.JxW(q) * eq_scale;
            for (unsigned int k = 0; k < n_t; ++k)
              {
                c[transported[k]]      = values[q][k];
                grad_c[transported[k]] = gradients[q][k];
              }
            c[eliminated]      = 0.;
            grad_c[eliminated] = 0.;
            for (const unsigned int s : transported)
              {
                c[eliminated] += d_elim[s] * c[s];
                grad_c[eliminated] += d_elim[s] * grad_c[s];
              }
            const Tensor<1, dim> grad_psi = gradients[q][pc];

            Tensor<1, dim> u;
            for (unsigned int a = 0; a < dim; ++a)
              u[a] = model.velocity ? velocity[q][a] / d_ref : 0.;
            const double speed = u.norm();

            for (unsigned int s = 0; s < n_species; ++s)
              f[s] = model.volume_source ? source[q][s] / d_ref : 0.;

            for (unsigned int i = 0; i < dofs_per_cell; ++i)
              {
                grad_phi[i]   = fe_values.shape_grad(i, q);
                phi[i]        = fe_values.shape_value(i, q);
                u_grad_phi[i] = u * grad_phi[i];
              }

            // Element length along the flow (Tezduyar), from the scalar
            // shape functions of the first component.
            double h_flow = 0.;
            if (model.stabilization && speed > 0.)
              {
                double sum = 0.;
                for (unsigned int i = 0; i < dofs_per_cell; ++i)
                  if (component[i] == 0)
                    sum += std::abs(u_grad_phi[i]);
                h_flow = sum > 0. ? 2. * speed / sum : 0.;
              }
            for (unsigned int s = 0; s < n_species; ++s)
              tau[s] = model.stabilization ? supg_tau(speed, h_flow, d[s]) : 0.;

            double         sigma = 0.;
            Tensor<1, dim> charge_flux;
            double         charge_source = 0.;
            for (unsigned int s = 0; s < n_species; ++s)
              {
                sigma += z[s] * z[s] * d[s] * c[s];
                charge_flux +=
                  z[s] * d[s] * (grad_c[s] + z[s] * c[s] * grad_psi);
                charge_source += z[s] * f[s];
              }

            // Rows by component and node: a species row couples only to its
            // own species and to psi; the charge row to everything.
            for (unsigned int k = 0; k < n_t; ++k)
              {
                const unsigned int   s = transported[k];
                const Tensor<1, dim> flux =
                  d[s] * (grad_c[s] + z[s] * c[s] * grad_psi) - u * c[s];
                const double strong =
                  u * grad_c[s] - z[s] * d[s] * (grad_c[s] * grad_psi) - f[s];
                for (unsigned int b = 0; b < n_nodes; ++b)
                  {
                    const unsigned int j = node_dof[0][b];
                    // d(flux)/d c_b and d(strong)/d c_b; d(...)/d psi_b.
                    same_flux[b] =
                      d[s] * (grad_phi[j] + z[s] * phi[j] * grad_psi) -
                      u * phi[j];
                    same_strong[b] =
                      u_grad_phi[j] - z[s] * d[s] * (grad_phi[j] * grad_psi);
                    psi_flux[b]   = d[s] * z[s] * c[s] * grad_phi[j];
                    psi_strong[b] = -z[s] * d[s] * (grad_c[s] * grad_phi[j]);
                  }
                for (unsigned int a = 0; a < n_nodes; ++a)
                  {
                    const unsigned int i    = node_dof[k][a];
                    const unsigned int ia   = node_dof[0][a];
                    const double       supg = tau[s] * u_grad_phi[ia];
                    cell_residual(i) += jxw * (flux * grad_phi[ia] -
                                               f[s] * phi[ia] + supg * strong);
                    if (!with_matrix)
                      continue;
                    for (unsigned int b = 0; b < n_nodes; ++b)
                      {
                        cell_matrix(i, node_dof[k][b]) +=
                          jxw *
                          (same_flux[b] * grad_phi[ia] + supg * same_strong[b]);
                        cell_matrix(i, node_dof[pc][b]) +=
                          jxw *
                          (psi_flux[b] * grad_phi[ia] + supg * psi_strong[b]);
                      }
                  }
              }

            for (unsigned int a = 0; a < n_nodes; ++a)
              {
                const unsigned int i  = node_dof[pc][a];
                const unsigned int ia = node_dof[0][a];
                cell_residual(i) +=
                  jxw * (charge_flux * grad_phi[ia] - charge_source * phi[ia]);
                if (!with_matrix)
                  continue;
                for (unsigned int b = 0; b < n_nodes; ++b)
                  {
                    const unsigned int j = node_dof[0][b];
                    for (unsigned int k = 0; k < n_t; ++k)
                      {
                        const unsigned int   s = transported[k];
                        const unsigned int   e = eliminated;
                        const Tensor<1, dim> d_flux =
                          z[s] * d[s] *
                            (grad_phi[j] + z[s] * phi[j] * grad_psi) +
                          z[e] * d[e] * d_elim[s] *
                            (grad_phi[j] + z[e] * phi[j] * grad_psi);
                        cell_matrix(i, node_dof[k][b]) +=
                          jxw * (d_flux * grad_phi[ia]);
                      }
                    cell_matrix(i, node_dof[pc][b]) +=
                      jxw * sigma * (grad_phi[j] * grad_phi[ia]);
                  }
              }
          }

        // Boundary terms: outflow, electrode kinetics, verification sources.
        for (const auto &face : cell->face_iterators())
          {
            if (!face->at_boundary())
              continue;
            const auto id = face->boundary_id();
            const bool species_dirichlet =
              model.concentration_dirichlet.count(id) > 0;
            int electrode = -1;
            for (unsigned int e = 0; e < model.electrode_boundaries.size(); ++e)
              if (model.electrode_boundaries[e] == id)
                electrode = e;
            const bool outflow = model.velocity && !species_dirichlet;
            if (!outflow && electrode < 0 && !model.boundary_source)
              continue;

            fe_face_values.reinit(cell, face);
            fe_face_values.get_function_values(solution, face_values);
            if (model.velocity)
              model.velocity->values(fe_face_values, face_velocity);
            if (model.boundary_source)
              model.boundary_source->vector_value_list(
                fe_face_values.get_quadrature_points(), face_source);
            const std::vector<unsigned int> &reactions =
              electrode >= 0 ? reactions_of_electrode[electrode] : no_reactions;
            const bool is_working =
              electrode >= 0 && electrode == working_electrode;

            for (unsigned int q = 0; q < n_face_q; ++q)
              {
                const double jxw_si = fe_face_values.JxW(q);
                const double jxw    = jxw_si * eq_scale;
                for (unsigned int k = 0; k < n_t; ++k)
                  c[transported[k]] = face_values[q][k];
                c[eliminated] = 0.;
                for (const unsigned int s : transported)
                  c[eliminated] += d_elim[s] * c[s];
                const double psi = face_values[q][pc];

                for (unsigned int i = 0; i < dofs_per_cell; ++i)
                  phi[i] = fe_face_values.shape_value(i, q);

                std::fill(s_value.begin(), s_value.end(), 0.);
                std::fill(s_d_psi.begin(), s_d_psi.end(), 0.);
                std::fill(s_d_phi_s.begin(), s_d_phi_s.end(), 0.);
                for (auto &row : s_d_c)
                  std::fill(row.begin(), row.end(), 0.);

                if (model.boundary_source)
                  for (unsigned int s = 0; s < n_species; ++s)
                    s_value[s] += face_source[q][s] / d_ref;

                if (electrode >= 0)
                  {
                    for (unsigned int s = 0; s < n_species; ++s)
                      c_si[s] = c[s] * c_ref;
                    for (const unsigned int r : reactions)
                      {
                        const auto  &reaction = model.reactions[r];
                        const double f_eta =
                          f_phi_s[electrode] - psi -
                          f_rt * reaction.equilibrium_potential;
                        reaction.evaluate(c_si, f_eta, rate);
                        // d i / d c_transported (scaled), chain rule through
                        // the electroneutrality species.
                        for (unsigned int k = 0; k < n_t; ++k)
                          {
                            const unsigned int s = transported[k];
                            i_d_c[k] =
                              (rate.d_concentration[s] +
                               rate.d_concentration[eliminated] * d_elim[s]) *
                              c_ref;
                          }
                        const double scale = 1. / (c_ref * d_ref);
                        for (unsigned int s = 0; s < n_species; ++s)
                          {
                            const double p =
                              reaction.production_per_current(s) * scale;
                            if (p == 0.)
                              continue;
                            s_value[s] += p * rate.current_density;
                            s_d_psi[s] -= p * rate.d_scaled_overpotential;
                            s_d_phi_s[s] += p * rate.d_scaled_overpotential;
                            for (unsigned int k = 0; k < n_t; ++k)
                              s_d_c[s][k] += p * i_d_c[k];
                          }
                        if (is_working)
                          {
                            current += jxw_si * rate.current_density;
                            d_current_d_potential +=
                              jxw_si * rate.d_scaled_overpotential;
                            if (targets.d_current_d_solution)
                              for (unsigned int j = 0; j < dofs_per_cell; ++j)
                                {
                                  const unsigned int cj = component[j];
                                  cell_d_current(j) +=
                                    jxw_si * phi[j] *
                                    (cj < n_t ? i_d_c[cj] :
                                                -rate.d_scaled_overpotential);
                                }
                          }
                      }
                  }

                double u_n = 0.;
                if (outflow)
                  for (unsigned int a = 0; a < dim; ++a)
                    u_n += face_velocity[q][a] *
                           fe_face_values.normal_vector(q)[a] / d_ref;

                for (unsigned int i = 0; i < dofs_per_cell; ++i)
                  {
                    const unsigned int ci = component[i];
                    // Production s enters the domain: the weak form gets -s.
                    double value = 0., d_phi_s = 0.;
                    if (ci < n_t)
                      {
                        const unsigned int s = transported[ci];
                        value                = u_n * c[s] - s_value[s];
                        d_phi_s              = -s_d_phi_s[s];
                      }
                    else
                      for (unsigned int s = 0; s < n_species; ++s)
                        {
                          value -= z[s] * s_value[s];
                          d_phi_s -= z[s] * s_d_phi_s[s];
                        }
                    cell_residual(i) += jxw * value * phi[i];
                    if (is_working)
                      cell_d_potential(i) += jxw * d_phi_s * phi[i];
                    if (!with_matrix)
                      continue;
                    for (unsigned int j = 0; j < dofs_per_cell; ++j)
                      {
                        const unsigned int cj         = component[j];
                        double             derivative = 0.;
                        if (ci < n_t)
                          {
                            const unsigned int s = transported[ci];
                            derivative = cj < n_t ? -s_d_c[s][cj] : -s_d_psi[s];
                            if (cj == ci)
                              derivative += u_n;
                          }
                        else
                          for (unsigned int s = 0; s < n_species; ++s)
                            derivative -=
                              z[s] * (cj < n_t ? s_d_c[s][cj] : s_d_psi[s]);
                        cell_matrix(i, j) += jxw * derivative * phi[j] * phi[i];
                      }
                  }
              }
          }

        if (with_matrix && targets.residual)
          constraints.distribute_local_to_global(cell_matrix,
                                                 cell_residual,
                                                 dof_indices,
                                                 *targets.jacobian,
                                                 *targets.residual);
        else if (with_matrix)
          constraints.distribute_local_to_global(cell_matrix,
                                                 dof_indices,
                                                 *targets.jacobian);
        else if (targets.residual)
          constraints.distribute_local_to_global(cell_residual,
                                                 dof_indices,
                                                 *targets.residual);
        if (targets.d_residual_d_potential)
          constraints.distribute_local_to_global(
            cell_d_potential, dof_indices, *targets.d_residual_d_potential);
        if (targets.d_current_d_solution)
          constraints.distribute_local_to_global(cell_d_current,
                                                 dof_indices,
                                                 *targets.d_current_d_solution);
      }

    if (with_matrix)
      targets.jacobian->compress(VectorOperation::add);
    for (auto *v : {targets.residual,
                    targets.d_residual_d_potential,
                    targets.d_current_d_solution})
      if (v)
        v->compress(VectorOperation::add);
    targets.current = Utilities::MPI::sum(current, discretization.comm);
    targets.d_current_d_potential =
      Utilities::MPI::sum(d_current_d_potential, discretization.comm);
  }

  template class NernstPlanckOperator<2>;
  template class NernstPlanckOperator<3>;
} // namespace NOxFlow
