#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <petscmat.h>

#include <physics/constants.h>
#include <solver/base/petsc_check.h>
#include <solver/transport/nernst_planck_operator.h>
#include <solver/transport/nodal_species.h>

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
    const NernstPlanckModel<dim> &model,
    const Rows                    rows)
    : discretization(discretization)
    , model(model)
  {
    const auto        &speciation = model.speciation();
    const unsigned int n_t        = speciation.n_transported();
    const unsigned int n_species  = model.electrolyte.n_species();
    row_combination.assign(n_t, std::vector<double>(n_t, 0.));
    for (unsigned int r = 0; r < n_t; ++r)
      row_combination[r][r] = 1.;
    // The charge row (last) never holds a rate: reactions conserve charge.
    reaction_weight.assign(n_t + 1,
                           std::vector<double>(model.volume_reactions.size(),
                                               0.));
    for (unsigned int r = 0; r < n_t; ++r)
      for (unsigned int k = 0; k < model.volume_reactions.size(); ++k)
        for (unsigned int s = 0; s < n_species; ++s)
          reaction_weight[r][k] += speciation.weight(r, s) *
                                   model.volume_reactions[k].stoichiometry[s];
    if (rows == Rows::kinetic_invariants && !model.volume_reactions.empty())
      set_up_kinetic_rows();
  }


  template <int dim>
  void
  NernstPlanckOperator<dim>::set_up_kinetic_rows()
  {
    const auto        &speciation = model.speciation();
    const unsigned int n_t        = speciation.n_transported();
    const unsigned int n_species  = model.electrolyte.n_species();
    const unsigned int n_k        = model.volume_reactions.size();

    // Gauss-Jordan elimination of the rates from the rows: reaction k keeps
    // one pivot row and leaves all others. Pivots by size of the
    // coefficient, then rows of a single species before component totals
    // (so that e.g. NH4+ + OH- <-> NH3 pivots on NH3 and the OH- total row
    // becomes the invariant c_OH - c_H + c_NH3, not the other way round).
    const auto n_in_total = [&](const unsigned int r) {
      unsigned int n = 0;
      for (unsigned int s = 0; s < n_species; ++s)
        n += speciation.weight(r, s) != 0.;
      return n;
    };
    std::vector<bool> is_pivot(n_t, false);
    std::vector<int>  pivot(n_k, -1);
    for (unsigned int k = 0; k < n_k; ++k)
      {
        double largest = 0.;
        for (unsigned int r = 0; r < n_t; ++r)
          largest = std::max(largest, std::abs(reaction_weight[r][k]));
        int p = -1;
        for (unsigned int r = 0; r < n_t; ++r)
          {
            const double a = std::abs(reaction_weight[r][k]);
            if (is_pivot[r] || a <= 1e-12 * largest || a == 0.)
              continue;
            if (p < 0 || a > 1.000001 * std::abs(reaction_weight[p][k]) ||
                (a >= 0.999999 * std::abs(reaction_weight[p][k]) &&
                 n_in_total(r) < n_in_total(p)))
              p = r;
          }
        // Dependent on earlier reactions (or acting on no transported
        // total): its rate stays in the rows it is in, unscaled.
        if (p < 0)
          continue;
        is_pivot[p] = true;
        pivot[k]    = p;
        for (unsigned int j = 0; j < n_t; ++j)
          {
            if (j == static_cast<unsigned int>(p) ||
                reaction_weight[j][k] == 0.)
              continue;
            const double f = reaction_weight[j][k] / reaction_weight[p][k];
            for (unsigned int m = 0; m < n_t; ++m)
              row_combination[j][m] -= f * row_combination[p][m];
            for (unsigned int kk = 0; kk < n_k; ++kk)
              reaction_weight[j][kk] -= f * reaction_weight[p][kk];
            reaction_weight[j][k] = 0.;
          }
      }

    // Diffusion entry of each pivot row, int |grad phi_a|^2 over the node's
    // cells (D = D_ref), against which set_row_scale() weighs the rate.
    const auto        &fe = *discretization.fe;
    const QGauss<dim>  quadrature(2);
    FEValues<dim>      fe_values(fe,
                            quadrature,
                            update_gradients | update_JxW_values);
    const unsigned int n_nodes = fe.base_element(0).n_dofs_per_cell();
    std::vector<types::global_dof_index> dof_indices(fe.n_dofs_per_cell());
    diffusion_diagonal = discretization.owned_vector();
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          cell->get_dof_indices(dof_indices);
          for (unsigned int a = 0; a < n_nodes; ++a)
            {
              const unsigned int i = fe.component_to_system_index(0, a);
              double             l = 0.;
              for (unsigned int q = 0; q < quadrature.size(); ++q)
                l +=
                  fe_values.shape_grad(i, q).norm_square() * fe_values.JxW(q);
              for (const int p : pivot)
                if (p >= 0)
                  diffusion_diagonal(
                    dof_indices[fe.component_to_system_index(p, a)]) +=
                    l * model.equation_scale();
            }
        }
    diffusion_diagonal.compress(VectorOperation::add);
    pivot_row = pivot;
    row_scale = discretization.owned_vector();
    for (const auto i : discretization.owned_dofs)
      row_scale(i) = 1.;
    row_scale.compress(VectorOperation::insert);
    scale_rows = true;
  }


  template <int dim>
  void
  NernstPlanckOperator<dim>::set_row_scale(
    const PETScWrappers::MPI::Vector &solution)
  {
    if (!scale_rows)
      return;
    // Damkoehler number of a pivot row at node a: the largest rate entry of
    // the row, m_a |w| max_m |dr/du_m| / D_ref (lumped mass m_a, the rate
    // at the node's speciation), over its diffusion entry.
    const auto        &fe        = *discretization.fe;
    const unsigned int n_species = model.electrolyte.n_species();
    const unsigned int n_t       = model.speciation().n_transported();
    const unsigned int n_k       = model.volume_reactions.size();
    const double       c_ref     = model.scales.concentration;
    const double       d_ref     = model.scales.diffusivity;
    const QGauss<dim>  quadrature(2);
    FEValues<dim> fe_values(fe, quadrature, update_values | update_JxW_values);
    const unsigned int n_nodes = fe.base_element(0).n_dofs_per_cell();
    std::vector<types::global_dof_index> dof_indices(fe.n_dofs_per_cell());
    Vector<double>                       cell_values(fe.n_dofs_per_cell());
    NodalSpecies<dim>                    nodal(model, fe);
    std::vector<double>                  c_si(n_species), d_rate(n_species);
    auto rate_entry = discretization.owned_vector();
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          cell->get_dof_indices(dof_indices);
          cell->get_dof_values(solution, cell_values);
          nodal.reinit(cell_values, cell->material_id());
          for (unsigned int a = 0; a < n_nodes; ++a)
            {
              const unsigned int i = fe.component_to_system_index(0, a);
              double             m = 0.;
              for (unsigned int q = 0; q < quadrature.size(); ++q)
                m += fe_values.shape_value(i, q) * fe_values.JxW(q);
              for (unsigned int s = 0; s < n_species; ++s)
                c_si[s] = nodal.at_node(a)[s] * c_ref;
              for (unsigned int k = 0; k < n_k; ++k)
                {
                  const int p = pivot_row[k];
                  if (p < 0)
                    continue;
                  model.volume_reactions[k].rate(c_si, d_rate);
                  double largest = 0.;
                  for (unsigned int u = 0; u < n_t; ++u)
                    {
                      double d_rate_d_u = 0.;
                      for (unsigned int s = 0; s < n_species; ++s)
                        d_rate_d_u += d_rate[s] * nodal.derivative(a, s, u);
                      largest = std::max(largest, std::abs(d_rate_d_u));
                    }
                  rate_entry(dof_indices[fe.component_to_system_index(p, a)]) +=
                    m * model.equation_scale() *
                    std::abs(reaction_weight[p][k]) * largest / d_ref;
                }
            }
        }
    rate_entry.compress(VectorOperation::add);
    for (unsigned int k = 0; k < n_k; ++k)
      if (pivot_row[k] >= 0)
        for (const auto i :
             discretization.owned_dofs_by_component[pivot_row[k]])
          row_scale(i) = 1. / (1. + rate_entry(i) / diffusion_diagonal(i));
    row_scale.compress(VectorOperation::insert);
  }

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
    const auto        &speciation  = model.speciation();
    const unsigned int n_species   = electrolyte.n_species();
    const unsigned int n_t         = speciation.n_transported();
    const unsigned int pc          = model.potential_component();
    const unsigned int n_rows      = n_t + 1;
    const double       c_ref       = model.scales.concentration;
    const double       d_ref       = model.scales.diffusivity;
    const double       eq_scale    = model.equation_scale();
    const double       f_rt        = Physics::Constants::f_over_rt;

    std::vector<double> z(n_species), d(n_species), d_eff(n_species);
    for (unsigned int s = 0; s < n_species; ++s)
      {
        z[s] = electrolyte[s].charge;
        d[s] = electrolyte[s].diffusivity / d_ref;
      }
    // Every row is a weighted sum of species equations: component totals
    // (advected), then charge (sum z_s; electroneutral, so not advected).
    std::vector<std::vector<double>>       weight(n_rows,
                                            std::vector<double>(n_species));
    std::vector<std::vector<unsigned int>> row_species(n_rows);
    for (unsigned int r = 0; r < n_rows; ++r)
      for (unsigned int s = 0; s < n_species; ++s)
        {
          {
            weight[r][s] = r < n_t ? 0. : z[s];
            for (unsigned int m = 0; m < n_t && r < n_t; ++m)
              weight[r][s] += row_combination[r][m] * speciation.weight(m, s);
          }
          if (weight[r][s] != 0.)
            row_species[r].push_back(s);
        }

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
      n_rows, std::vector<unsigned int>(n_nodes));
    for (unsigned int c = 0; c < n_rows; ++c)
      for (unsigned int a = 0; a < n_nodes; ++a)
        node_dof[c][a] = fe.component_to_system_index(c, a);

    FullMatrix<double> cell_matrix(dofs_per_cell, dofs_per_cell);
    Vector<double>     cell_residual(dofs_per_cell);
    Vector<double>     cell_d_potential(dofs_per_cell);
    Vector<double>     cell_d_current(dofs_per_cell);
    Vector<double>     cell_values(dofs_per_cell);
    std::vector<types::global_dof_index> dof_indices(dofs_per_cell);

    const unsigned int                       n_comp = model.n_components();
    std::vector<std::vector<Tensor<1, dim>>> gradients(
      n_q, std::vector<Tensor<1, dim>>(n_comp));
    std::vector<Vector<double>> face_values(n_face_q, Vector<double>(n_comp));
    std::vector<Vector<double>> velocity(n_q, Vector<double>(dim));
    std::vector<Vector<double>> face_velocity(n_face_q, Vector<double>(dim));
    std::vector<Vector<double>> source(n_q, Vector<double>(n_species));
    std::vector<Vector<double>> face_source(n_face_q,
                                            Vector<double>(n_species));

    NodalSpecies<dim>   nodal(model, fe);
    std::vector<double> c(n_species), f(n_species), tau(n_species),
      strong(n_species), c_si(n_species), phi_nodes(n_nodes);
    std::vector<Tensor<1, dim>> grad_c(n_species), species_flux(n_species),
      drift(n_species);
    std::vector<double>         phi(n_nodes), u_grad_phi(n_nodes);
    std::vector<Tensor<1, dim>> grad_phi(n_nodes);
    FullMatrix<double>          grad_grad(n_nodes, n_nodes);
    std::vector<double>         phi_face(dofs_per_cell);

    // Per row r, unknown m and node b: the Jacobian entry of (r, a; m, b) is
    // (A gphi_b + phi_b B).gphi_a + (u.gphi_a) S.gphi_b (group
    // interpolation: species are Q1 in their nodal values).
    const auto table = [&](auto zero) {
      return std::vector<std::vector<std::vector<decltype(zero)>>>(
        n_rows,
        std::vector<std::vector<decltype(zero)>>(
          n_t, std::vector<decltype(zero)>(n_nodes, zero)));
    };
    auto                        coef_a = table(0.);
    auto                        coef_b = table(Tensor<1, dim>());
    auto                        coef_s = table(Tensor<1, dim>());
    std::vector<double>         coef_p(n_rows);
    std::vector<Tensor<1, dim>> coef_q(n_rows), row_flux(n_rows);
    std::vector<double>         row_source(n_rows), row_supg(n_rows);
    // tau_s (u . grad phi_a) per quadrature point, species and node: the
    // SUPG test functions, kept for the porous-electrode sources.
    std::vector<std::vector<std::vector<double>>> supg_test(
      n_q,
      std::vector<std::vector<double>>(n_species,
                                       std::vector<double>(n_nodes, 0.)));

    Physics::ReactionRate rate;
    std::vector<double>   d_rate(n_species);
    // Per species and face point: scaled production and its derivatives.
    std::vector<double> s_value(n_species), s_d_psi(n_species),
      s_d_phi_s(n_species);
    // ... and by the local DoFs (nodal values of the unknowns).
    std::vector<std::vector<double>> s_d_u(n_species,
                                           std::vector<double>(dofs_per_cell));
    std::vector<double>              i_d_u(dofs_per_cell);

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
        const auto &region = model.region(cell->material_id());
        for (unsigned int s = 0; s < n_species; ++s)
          d_eff[s] = d[s] * region.diffusivity_factor;
        fe_values.reinit(cell);
        cell->get_dof_indices(dof_indices);
        cell_matrix      = 0.;
        cell_residual    = 0.;
        cell_d_potential = 0.;
        cell_d_current   = 0.;

        fe_values.get_function_gradients(solution, gradients);
        cell->get_dof_values(solution, cell_values);
        nodal.reinit(cell_values, cell->material_id());
        if (model.velocity)
          model.velocity->values(fe_values, velocity);
        if (model.volume_source)
          model.volume_source->vector_value_list(
            fe_values.get_quadrature_points(), source);

        for (unsigned int q = 0; q < n_q; ++q)
          {
            const double         jxw      = fe_values.JxW(q) * eq_scale;
            const Tensor<1, dim> grad_psi = gradients[q][pc];

            Tensor<1, dim> u;
            for (unsigned int a = 0; a < dim; ++a)
              u[a] = model.velocity ? velocity[q][a] / d_ref : 0.;
            const double speed = u.norm();

            for (unsigned int a = 0; a < n_nodes; ++a)
              {
                grad_phi[a]   = fe_values.shape_grad(node_dof[0][a], q);
                phi[a]        = fe_values.shape_value(node_dof[0][a], q);
                u_grad_phi[a] = u * grad_phi[a];
              }
            for (unsigned int a = 0; a < n_nodes; ++a)
              for (unsigned int b = 0; b < n_nodes; ++b)
                grad_grad(a, b) = grad_phi[a] * grad_phi[b];
            nodal.interpolate(phi, c);
            for (unsigned int s = 0; s < n_species; ++s)
              {
                grad_c[s] = Tensor<1, dim>();
                for (unsigned int a = 0; a < n_nodes; ++a)
                  grad_c[s] += nodal.at_node(a)[s] * grad_phi[a];
              }

            // Element length along the flow (Tezduyar).
            double h_flow = 0.;
            if (model.stabilization && speed > 0.)
              {
                double sum = 0.;
                for (unsigned int a = 0; a < n_nodes; ++a)
                  sum += std::abs(u_grad_phi[a]);
                h_flow = sum > 0. ? 2. * speed / sum : 0.;
              }
            for (unsigned int s = 0; s < n_species; ++s)
              {
                f[s] = model.volume_source ? source[q][s] / d_ref : 0.;
                tau[s] =
                  model.stabilization ? supg_tau(speed, h_flow, d_eff[s]) : 0.;
                species_flux[s] =
                  d_eff[s] * (grad_c[s] + z[s] * c[s] * grad_psi);
                drift[s]  = u - z[s] * d_eff[s] * grad_psi;
                strong[s] = drift[s] * grad_c[s] - f[s];
                for (unsigned int a = 0; a < n_nodes; ++a)
                  supg_test[q][s][a] = tau[s] * u_grad_phi[a];
              }

            for (unsigned int r = 0; r < n_rows; ++r)
              {
                const bool advected = r < n_t;
                row_flux[r]         = Tensor<1, dim>();
                row_source[r] = row_supg[r] = coef_p[r] = 0.;
                coef_q[r]                               = Tensor<1, dim>();
                for (unsigned int m = 0; m < n_t; ++m)
                  for (unsigned int b = 0; b < n_nodes; ++b)
                    {
                      coef_a[r][m][b] = 0.;
                      coef_b[r][m][b] = coef_s[r][m][b] = Tensor<1, dim>();
                    }
                for (const unsigned int s : row_species[r])
                  {
                    const double w = weight[r][s];
                    row_flux[r] += w * (advected ? species_flux[s] - u * c[s] :
                                                   species_flux[s]);
                    row_source[r] += w * f[s];
                    coef_p[r] += w * d_eff[s] * z[s] * c[s];
                    const Tensor<1, dim> along =
                      d_eff[s] * z[s] * grad_psi -
                      (advected ? u : Tensor<1, dim>());
                    if (advected)
                      {
                        row_supg[r] += w * tau[s] * strong[s];
                        coef_q[r] -= w * tau[s] * z[s] * d_eff[s] * grad_c[s];
                      }
                    for (unsigned int m = 0; m < n_t; ++m)
                      for (unsigned int b = 0; b < n_nodes; ++b)
                        {
                          const double jac = nodal.derivative(b, s, m);
                          if (jac == 0.)
                            continue;
                          coef_a[r][m][b] += w * d_eff[s] * jac;
                          coef_b[r][m][b] += w * jac * along;
                          if (advected)
                            coef_s[r][m][b] += w * tau[s] * jac * drift[s];
                        }
                  }
              }

            for (unsigned int r = 0; r < n_rows; ++r)
              for (unsigned int a = 0; a < n_nodes; ++a)
                {
                  const unsigned int i = node_dof[r][a];
                  cell_residual(i) +=
                    jxw * (row_flux[r] * grad_phi[a] - row_source[r] * phi[a] +
                           row_supg[r] * u_grad_phi[a]);
                  if (!with_matrix)
                    continue;
                  for (unsigned int b = 0; b < n_nodes; ++b)
                    {
                      for (unsigned int m = 0; m < n_t; ++m)
                        cell_matrix(i, node_dof[m][b]) +=
                          jxw *
                          (coef_a[r][m][b] * grad_grad(a, b) +
                           phi[b] * (coef_b[r][m][b] * grad_phi[a]) +
                           u_grad_phi[a] * (coef_s[r][m][b] * grad_phi[b]));
                      cell_matrix(i, node_dof[pc][b]) +=
                        jxw * (coef_p[r] * grad_grad(a, b) +
                               u_grad_phi[a] * (coef_q[r] * grad_phi[b]));
                    }
                }
          }

        // Finite-rate volume reactions, lumped at the nodes: a fast rate
        // then holds each node near its own equilibrium instead of
        // oscillating between nodes.
        if (!model.volume_reactions.empty())
          for (unsigned int a = 0; a < n_nodes; ++a)
            {
              double lumped = 0.;
              for (unsigned int q = 0; q < n_q; ++q)
                lumped += fe_values.shape_value(node_dof[0][a], q) *
                          fe_values.JxW(q) * eq_scale;
              for (unsigned int s = 0; s < n_species; ++s)
                c_si[s] = nodal.at_node(a)[s] * c_ref;
              for (unsigned int k = 0; k < model.volume_reactions.size(); ++k)
                {
                  const double rate_si =
                    model.volume_reactions[k].rate(c_si, d_rate);
                  for (unsigned int r = 0; r < n_rows; ++r)
                    {
                      const double w_nu = reaction_weight[r][k];
                      if (w_nu == 0.)
                        continue;
                      const unsigned int i = node_dof[r][a];
                      cell_residual(i) -=
                        lumped * w_nu * rate_si / (c_ref * d_ref);
                      if (!with_matrix)
                        continue;
                      for (unsigned int m = 0; m < n_t; ++m)
                        {
                          double d_rate_d_u = 0.;
                          for (unsigned int s = 0; s < n_species; ++s)
                            d_rate_d_u += d_rate[s] * nodal.derivative(a, s, m);
                          cell_matrix(i, node_dof[m][a]) -=
                            lumped * w_nu * d_rate_d_u / d_ref;
                        }
                    }
                }
            }

        if (const auto *porous = model.porous_electrode_in(cell->material_id()))
          assemble_porous_electrode(*porous,
                                    fe_values,
                                    supg_test,
                                    nodal,
                                    cell_values,
                                    f_phi_s,
                                    working_electrode,
                                    weight,
                                    cell_matrix,
                                    cell_residual,
                                    cell_d_potential,
                                    cell_d_current,
                                    current,
                                    d_current_d_potential,
                                    with_matrix);

        // Boundary terms: outflow, electrode kinetics, verification sources.
        for (const auto &face : cell->face_iterators())
          {
            if (!face->at_boundary())
              continue;
            const auto id = face->boundary_id();
            const bool species_dirichlet =
              model.concentration_dirichlet.count(id) > 0;
            // A porous electrode reacts in its volume; its boundary is the
            // current collector.
            int electrode = -1;
            for (unsigned int e = 0; e < model.electrode_boundaries.size(); ++e)
              if (model.electrode_boundaries[e] == id && !model.is_porous(e))
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
                const double psi    = face_values[q][pc];
                for (unsigned int i = 0; i < dofs_per_cell; ++i)
                  phi_face[i] = fe_face_values.shape_value(i, q);
                for (unsigned int a = 0; a < n_nodes; ++a)
                  phi_nodes[a] = phi_face[node_dof[0][a]];
                nodal.interpolate(phi_nodes, c);

                std::fill(s_value.begin(), s_value.end(), 0.);
                std::fill(s_d_psi.begin(), s_d_psi.end(), 0.);
                std::fill(s_d_phi_s.begin(), s_d_phi_s.end(), 0.);
                for (auto &row : s_d_u)
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
                        // d i / d (local DoF j), through the nodal
                        // speciation of j's node.
                        for (unsigned int j = 0; j < dofs_per_cell; ++j)
                          {
                            const auto [cj, b] =
                              fe.system_to_component_index(j);
                            i_d_u[j] = 0.;
                            if (cj < n_t)
                              for (unsigned int s = 0; s < n_species; ++s)
                                i_d_u[j] += rate.d_concentration[s] *
                                            nodal.derivative(b, s, cj) *
                                            phi_face[j] * c_ref;
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
                            for (unsigned int j = 0; j < dofs_per_cell; ++j)
                              s_d_u[s][j] += p * i_d_u[j];
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
                                  if (cj <= n_t)
                                    cell_d_current(j) +=
                                      jxw_si * (cj < n_t ?
                                                  i_d_u[j] :
                                                  -rate.d_scaled_overpotential *
                                                    phi_face[j]);
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
                    if (ci > n_t) // the solid phase has no boundary terms
                      continue;
                    // Production s enters the domain: the weak form gets -s;
                    // a row's advected amount is its combination of totals.
                    double value = 0.;
                    if (ci < n_t && u_n != 0.)
                      for (unsigned int m = 0; m < n_t; ++m)
                        value +=
                          u_n * row_combination[ci][m] * face_values[q][m];
                    double d_phi_s = 0.;
                    for (const unsigned int s : row_species[ci])
                      {
                        value -= weight[ci][s] * s_value[s];
                        d_phi_s -= weight[ci][s] * s_d_phi_s[s];
                      }
                    cell_residual(i) += jxw * value * phi_face[i];
                    if (is_working)
                      cell_d_potential(i) += jxw * d_phi_s * phi_face[i];
                    if (!with_matrix)
                      continue;
                    for (unsigned int j = 0; j < dofs_per_cell; ++j)
                      {
                        const unsigned int cj         = component[j];
                        double             derivative = 0.;
                        if (cj > n_t)
                          continue;
                        for (const unsigned int s : row_species[ci])
                          derivative -=
                            weight[ci][s] *
                            (cj < n_t ? s_d_u[s][j] : s_d_psi[s] * phi_face[j]);
                        if (ci < n_t && cj < n_t)
                          derivative +=
                            u_n * row_combination[ci][cj] * phi_face[j];
                        cell_matrix(i, j) += jxw * derivative * phi_face[i];
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
    // Row scaling (a left diagonal factor: the current is no row).
    if (scale_rows)
      {
        if (with_matrix)
          NOXFLOW_PETSC(MatDiagonalScale(targets.jacobian->petsc_matrix(),
                                         row_scale,
                                         nullptr));
        for (auto *v : {targets.residual, targets.d_residual_d_potential})
          if (v)
            v->scale(row_scale);
      }
    targets.current = Utilities::MPI::sum(current, discretization.comm);
    targets.d_current_d_potential =
      Utilities::MPI::sum(d_current_d_potential, discretization.comm);
  }


  template <int dim>
  void
  NernstPlanckOperator<dim>::assemble_porous_electrode(
    const PorousElectrode                               &porous,
    const FEValues<dim>                                 &fe_values,
    const std::vector<std::vector<std::vector<double>>> &supg_test,
    const NodalSpecies<dim>                             &nodal,
    const Vector<double>                                &cell_values,
    const std::vector<double>                           &f_phi_s,
    const int                                            working_electrode,
    const std::vector<std::vector<double>>              &weight,
    FullMatrix<double>                                  &cell_matrix,
    Vector<double>                                      &cell_residual,
    Vector<double>                                      &cell_d_potential,
    Vector<double>                                      &cell_d_current,
    double                                              &current,
    double                                              &d_current_d_potential,
    const bool                                           with_matrix) const
  {
    const auto        &fe        = fe_values.get_fe();
    const unsigned int n_species = model.electrolyte.n_species();
    const unsigned int n_t       = model.speciation().n_transported();
    const unsigned int pc        = model.potential_component();
    const unsigned int sc        = model.solid_component();
    const unsigned int n_nodes   = nodal.n_cell_nodes();
    const unsigned int dofs      = fe.n_dofs_per_cell();
    const double       c_ref     = model.scales.concentration;
    const double       d_ref     = model.scales.diffusivity;
    const double       f_rt      = Physics::Constants::f_over_rt;
    const double       faraday   = Physics::Constants::faraday;
    const double       to_scaled = 1. / (c_ref * d_ref);
    const unsigned int e         = porous.electrode;
    const bool         working   = static_cast<int>(e) == working_electrode;
    // Solid conduction sigma grad phi_s / F in the scaled units of the
    // charge row (phi_s in RT/F).
    const double kappa =
      porous.solid_conductivity / (faraday * f_rt) * to_scaled;
    const double a_v =
      porous.specific_area_in(fe_values.get_cell()->material_id());

    std::vector<double> phi(n_nodes), c(n_species), c_si(n_species),
      i_d_u(dofs);
    std::vector<Tensor<1, dim>> grad_phi(n_nodes);
    std::vector<double>         lumped_mass(n_nodes, 0.);
    Physics::ReactionRate       rate;
    const auto                  reactions = model.reactions_on(e);
    // Evaluates @p reaction at c_si and the local potentials; returns the
    // volumetric current a_v i and its derivative by the overpotential.
    const auto volumetric = [&](const Physics::ElectrodeReaction &reaction,
                                const double                      xi,
                                const double                      psi) {
      reaction.evaluate(c_si,
                        f_phi_s[e] + xi - psi -
                          f_rt * reaction.equilibrium_potential,
                        rate);
      return std::pair{a_v * rate.current_density,
                       a_v * rate.d_scaled_overpotential};
    };
    // Adds factor * (a_v i) to row @p i with its derivatives.
    const auto add_source = [&](const unsigned int i,
                                const double       weighted_factor,
                                const double       i_n,
                                const double       di) {
      cell_residual(i) += weighted_factor * i_n;
      if (working)
        cell_d_potential(i) += weighted_factor * di;
      if (with_matrix)
        for (unsigned int j = 0; j < dofs; ++j)
          cell_matrix(i, j) += weighted_factor * i_d_u[j];
    };

    for (unsigned int q = 0; q < fe_values.n_quadrature_points; ++q)
      {
        const double   jxw_si = fe_values.JxW(q);
        const double   jxw    = jxw_si * model.equation_scale();
        double         psi = 0., xi = 0.;
        Tensor<1, dim> grad_xi;
        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            phi[a]      = fe_values.shape_value(nodal.dof(0, a), q);
            grad_phi[a] = fe_values.shape_grad(nodal.dof(0, a), q);
            psi += cell_values(nodal.dof(pc, a)) * phi[a];
            xi += cell_values(nodal.dof(sc, a)) * phi[a];
            grad_xi += cell_values(nodal.dof(sc, a)) * grad_phi[a];
          }
        nodal.interpolate(phi, c);
        for (unsigned int s = 0; s < n_species; ++s)
          c_si[s] = c[s] * c_ref;

        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            const unsigned int i = nodal.dof(sc, a);
            cell_residual(i) += jxw * kappa * (grad_xi * grad_phi[a]);
            if (with_matrix)
              for (unsigned int b = 0; b < n_nodes; ++b)
                cell_matrix(i, nodal.dof(sc, b)) +=
                  jxw * kappa * (grad_phi[b] * grad_phi[a]);
          }

        // SUPG part of the sources at the quadrature points (the strong
        // residual of advected rows includes them).
        for (const unsigned int r : reactions)
          {
            const auto &reaction = model.reactions[r];
            const auto [i_n, di] = volumetric(reaction, xi, psi);
            for (unsigned int j = 0; j < dofs; ++j)
              {
                const auto [cj, b] = fe.system_to_component_index(j);
                const double phi_j = phi[b];
                i_d_u[j]           = 0.;
                if (cj < n_t)
                  for (unsigned int s = 0; s < n_species; ++s)
                    i_d_u[j] += a_v * rate.d_concentration[s] *
                                nodal.derivative(b, s, cj) * phi_j * c_ref;
                else if (cj == pc)
                  i_d_u[j] = -di * phi_j;
                else if (cj == sc)
                  i_d_u[j] = di * phi_j;
              }
            for (unsigned int a = 0; a < n_nodes; ++a)
              for (unsigned int row = 0; row < n_t; ++row)
                {
                  double factor = 0.;
                  for (unsigned int s = 0; s < n_species; ++s)
                    factor -= weight[row][s] *
                              reaction.production_per_current(s) * to_scaled *
                              supg_test[q][s][a];
                  if (factor == 0.)
                    continue;
                  add_source(nodal.dof(row, a), jxw * factor, i_n, di);
                }
          }
        for (unsigned int a = 0; a < n_nodes; ++a)
          lumped_mass[a] += jxw_si * phi[a];
      }

    // Galerkin part lumped at the nodes: the current at a node depends on
    // that node's state only, so a reactant consumed at a first-order rate
    // cannot be driven negative by its neighbours (a consistent quadrature
    // undershoots where the reactant is nearly used up, e.g. in a cathode
    // over the lands of a flow field).
    const double solid = to_scaled / faraday;
    for (unsigned int a = 0; a < n_nodes; ++a)
      {
        const double jxw_si = lumped_mass[a];
        const double jxw    = jxw_si * model.equation_scale();
        const double psi    = cell_values(nodal.dof(pc, a));
        const double xi     = cell_values(nodal.dof(sc, a));
        const auto  &c_node = nodal.at_node(a);
        for (unsigned int s = 0; s < n_species; ++s)
          c_si[s] = c_node[s] * c_ref;
        for (const unsigned int r : reactions)
          {
            const auto &reaction = model.reactions[r];
            const auto [i_n, di] = volumetric(reaction, xi, psi);
            // d i_n / d (DoFs of node a): species through the nodal
            // speciation, psi (-), the solid potential (+).
            std::fill(i_d_u.begin(), i_d_u.end(), 0.);
            for (unsigned int k = 0; k < n_t; ++k)
              for (unsigned int s = 0; s < n_species; ++s)
                i_d_u[nodal.dof(k, a)] += a_v * rate.d_concentration[s] *
                                          nodal.derivative(a, s, k) * c_ref;
            i_d_u[nodal.dof(pc, a)] = -di;
            i_d_u[nodal.dof(sc, a)] = di;
            // Rows: the weighted production of their species; the solid row
            // loses the current the electrolyte gains.
            for (unsigned int row = 0; row <= n_t + 1; ++row)
              {
                double factor = 0.;
                if (row <= n_t)
                  for (unsigned int s = 0; s < n_species; ++s)
                    factor -= weight[row][s] *
                              reaction.production_per_current(s) * to_scaled;
                else
                  factor = solid;
                if (factor == 0.)
                  continue;
                add_source(nodal.dof(row <= n_t ? row : sc, a),
                           jxw * factor,
                           i_n,
                           di);
              }
            if (working)
              {
                current += jxw_si * i_n;
                d_current_d_potential += jxw_si * di;
                for (unsigned int j = 0; j < dofs; ++j)
                  cell_d_current(j) += jxw_si * i_d_u[j];
              }
          }
      }
  }

  template class NernstPlanckOperator<2>;
  template class NernstPlanckOperator<3>;
} // namespace NOxFlow
