#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>

#include <petscmat.h>

#include <solver/base/petsc_check.h>
#include <solver/transport/nodal_species.h>
#include <solver/transport/transport_rows.h>

#include <cmath>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  TransportRows<dim>::TransportRows(const Discretization<dim> &discretization,
                                    const NernstPlanckModel<dim> &model,
                                    const bool kinetic_invariants)
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
    rate_weight.assign(n_t + 1,
                       std::vector<double>(model.volume_reactions.size(), 0.));
    for (unsigned int r = 0; r < n_t; ++r)
      for (unsigned int k = 0; k < model.volume_reactions.size(); ++k)
        for (unsigned int s = 0; s < n_species; ++s)
          rate_weight[r][k] += speciation.weight(r, s) *
                               model.volume_reactions[k].stoichiometry[s];
    if (kinetic_invariants && !model.volume_reactions.empty())
      eliminate_rates();
    set_weights();
  }



  template <int dim>
  void
  TransportRows<dim>::set_weights()
  {
    const auto        &speciation = model.speciation();
    const unsigned int n_species  = model.electrolyte.n_species();
    const unsigned int n_t        = speciation.n_transported();
    weight_table.assign(n_t + 1, std::vector<double>(n_species, 0.));
    row_species.assign(n_t + 1, {});
    for (unsigned int r = 0; r <= n_t; ++r)
      for (unsigned int s = 0; s < n_species; ++s)
        {
          double w = r < n_t ? 0. : model.electrolyte[s].charge;
          for (unsigned int m = 0; m < n_t && r < n_t; ++m)
            w += row_combination[r][m] * speciation.weight(m, s);
          weight_table[r][s] = w;
          if (w != 0.)
            row_species[r].push_back(s);
        }
  }

  template <int dim>
  void
  TransportRows<dim>::eliminate_rates()
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
          largest = std::max(largest, std::abs(rate_weight[r][k]));
        int p = -1;
        for (unsigned int r = 0; r < n_t; ++r)
          {
            const double a = std::abs(rate_weight[r][k]);
            if (is_pivot[r] || a <= 1e-12 * largest || a == 0.)
              continue;
            if (p < 0 || a > 1.000001 * std::abs(rate_weight[p][k]) ||
                (a >= 0.999999 * std::abs(rate_weight[p][k]) &&
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
            if (j == static_cast<unsigned int>(p) || rate_weight[j][k] == 0.)
              continue;
            const double f = rate_weight[j][k] / rate_weight[p][k];
            for (unsigned int m = 0; m < n_t; ++m)
              row_combination[j][m] -= f * row_combination[p][m];
            for (unsigned int kk = 0; kk < n_k; ++kk)
              rate_weight[j][kk] -= f * rate_weight[p][kk];
            rate_weight[j][k] = 0.;
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
  TransportRows<dim>::set_row_scale(const PETScWrappers::MPI::Vector &solution)
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
          nodal.reinit(cell_values, cell->material_id(), dof_indices);
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
                    m * model.equation_scale() * std::abs(rate_weight[p][k]) *
                    largest / d_ref;
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
  TransportRows<dim>::scale(
    PETScWrappers::MPI::SparseMatrix                *jacobian,
    const std::vector<PETScWrappers::MPI::Vector *> &vectors) const
  {
    // A left diagonal factor (the current constraint is no row).
    if (!scale_rows)
      return;
    if (jacobian)
      NOXFLOW_PETSC(
        MatDiagonalScale(jacobian->petsc_matrix(), row_scale, nullptr));
    for (auto *v : vectors)
      if (v)
        v->scale(row_scale);
  }

  template class TransportRows<2>;
  template class TransportRows<3>;
} // namespace NOxFlow
