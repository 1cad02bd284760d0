#include <physics/constants.h>
#include <solver/transport/cell_state.h>
#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/porous_electrode_term.h>
#include <solver/transport/transport_rows.h>

#include <utility>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Adds @p factor times the volumetric current @p i_n to row @p i, with
    /// its derivatives @p i_d_u (local DoFs) and @p di (electrode
    /// potential).
    void
    add_source(LocalSystem               &local,
               const bool                 working,
               const unsigned int         i,
               const double               factor,
               const double               i_n,
               const double               di,
               const std::vector<double> &i_d_u)
    {
      local.residual(i) += factor * i_n;
      if (working)
        local.d_potential(i) += factor * di;
      if (local.with_matrix)
        for (unsigned int j = 0; j < i_d_u.size(); ++j)
          local.matrix(i, j) += factor * i_d_u[j];
    }

    /// a_v i of @p reaction and its derivative by the scaled overpotential,
    /// at the concentrations @p c_si and scaled potentials (solid xi
    /// relative to the electrode, electrolyte psi).
    std::pair<double, double>
    volumetric_current(const Physics::ElectrodeReaction &reaction,
                       const std::vector<double>        &c_si,
                       const double                      a_v,
                       const double                      f_phi_s,
                       const double                      xi,
                       const double                      psi,
                       Physics::ReactionRate            &rate)
    {
      reaction.evaluate(c_si,
                        scaled_overpotential(reaction, f_phi_s + xi, psi),
                        rate);
      return {a_v * rate.current_density, a_v * rate.d_scaled_overpotential};
    }
  } // namespace

  template <int dim>
  bool
  PorousElectrodeTerm<dim>::acts_in(const types::material_id material) const
  {
    return model.porous_electrode_in(material) != nullptr;
  }

  template <int dim>
  void
  PorousElectrodeTerm<dim>::add(const CellState<dim> &state,
                                LocalSystem          &local) const
  {
    const auto           &porous = *model.porous_electrode_in(state.material);
    const unsigned int    n_t    = state.n_t;
    const unsigned int    pc     = model.potential_component();
    const unsigned int    sc     = model.solid_component();
    const double          c_ref  = model.scales.concentration;
    const double          to_scaled = 1. / (c_ref * model.scales.diffusivity);
    const unsigned int    e         = porous.electrode;
    const bool            working   = local.is_working(e);
    const double          a_v       = porous.specific_area_in(state.material);
    Physics::ReactionRate rate;
    c_si.resize(state.n_species);
    i_d_u.resize(state.dofs_per_cell);

    // SUPG part of the advected rows, at the quadrature points (none
    // without SUPG, e.g. with edge fluxes: tau is zero there).
    const unsigned int n_supg_points = model.supg() ? state.n_q : 0;
    for (unsigned int q = 0; q < n_supg_points; ++q)
      {
        const auto &phi = state.phi[q];
        double      xi  = 0.;
        for (unsigned int a = 0; a < state.n_nodes; ++a)
          xi += state.cell_values(state.node_dof[sc][a]) * phi[a];
        for (unsigned int s = 0; s < state.n_species; ++s)
          c_si[s] = state.c[q][s] * c_ref;
        for (const unsigned int r : model.reactions_on(e))
          {
            const auto &reaction = model.reactions[r];
            const auto [i_n, di] =
              volumetric_current(reaction,
                                 c_si,
                                 a_v,
                                 local.f_electrode_potentials[e],
                                 xi,
                                 state.psi[q],
                                 rate);
            for (unsigned int j = 0; j < state.dofs_per_cell; ++j)
              {
                const unsigned int cj = state.component[j];
                const unsigned int b  = state.node_of[j];
                i_d_u[j]              = 0.;
                if (cj < n_t)
                  for (unsigned int s = 0; s < state.n_species; ++s)
                    i_d_u[j] += a_v * rate.d_concentration[s] *
                                state.d_c(q, s, cj, b) * c_ref;
                else if (cj == pc)
                  i_d_u[j] = -di * phi[b];
                else if (cj == sc)
                  i_d_u[j] = di * phi[b];
              }
            for (unsigned int a = 0; a < state.n_nodes; ++a)
              for (unsigned int row = 0; row < n_t; ++row)
                {
                  double factor = 0.;
                  for (const unsigned int s : rows.species_of(row))
                    factor -= rows.weight(row, s) *
                              reaction.production_per_current(s) * to_scaled *
                              state.supg_test(q, s, a);
                  if (factor != 0.)
                    add_source(local,
                               working,
                               state.node_dof[row][a],
                               state.jxw[q] * factor,
                               i_n,
                               di,
                               i_d_u);
                }
          }
      }

    // Galerkin part, lumped at the nodes; the solid row loses the current
    // the electrolyte gains.
    const double solid  = to_scaled / Physics::Constants::faraday;
    const bool   in_gas = model.gas && model.gas->region(state.material);
    for (unsigned int a = 0; a < state.n_nodes; ++a)
      {
        const double jxw_si = state.lumped_mass[a];
        const double jxw    = jxw_si * model.equation_scale();
        const double psi    = state.cell_values(state.node_dof[pc][a]);
        const double xi     = state.cell_values(state.node_dof[sc][a]);
        for (unsigned int s = 0; s < state.n_species; ++s)
          c_si[s] = state.nodal.at_node(a)[s] * c_ref;
        for (const unsigned int r : model.reactions_on(e))
          {
            const auto &reaction = model.reactions[r];
            const auto [i_n, di] =
              volumetric_current(reaction,
                                 c_si,
                                 a_v,
                                 local.f_electrode_potentials[e],
                                 xi,
                                 psi,
                                 rate);
            // d i_n / d (DoFs of node a): species through the nodal
            // speciation, psi (-), the solid potential (+).
            std::fill(i_d_u.begin(), i_d_u.end(), 0.);
            for (unsigned int k = 0; k < n_t; ++k)
              for (unsigned int s = 0; s < state.n_species; ++s)
                i_d_u[state.node_dof[k][a]] += a_v * rate.d_concentration[s] *
                                               state.nodal.derivative(a, s, k) *
                                               c_ref;
            i_d_u[state.node_dof[pc][a]] = -di;
            i_d_u[state.node_dof[sc][a]] = di;
            for (unsigned int row = 0; row <= n_t + 1; ++row)
              {
                double factor = 0.;
                if (row <= n_t)
                  for (const unsigned int s : rows.species_of(row))
                    factor -= rows.weight(row, s) *
                              reaction.production_per_current(s) * to_scaled;
                else
                  factor = solid;
                if (factor != 0.)
                  add_source(local,
                             working,
                             state.node_dof[row <= n_t ? row : sc][a],
                             jxw * factor,
                             i_n,
                             di,
                             i_d_u);
              }
            // Gas the reaction evolves into the pores: one molecule per
            // reaction, -i_n / (n F) per volume, as a species it makes.
            if (in_gas)
              for (unsigned int g = 0; g < model.n_gas_species(); ++g)
                if (model.gas->evolves(r, g))
                  add_source(local,
                             working,
                             state.node_dof[model.gas_component(g)][a],
                             jxw * to_scaled /
                               (reaction.n_electrons *
                                Physics::Constants::faraday),
                             i_n,
                             di,
                             i_d_u);
            if (working)
              {
                local.current += jxw_si * i_n;
                local.d_current_d_potential += jxw_si * di;
                for (unsigned int j = 0; j < state.dofs_per_cell; ++j)
                  local.d_current(j) += jxw_si * i_d_u[j];
              }
          }
      }
  }

  template class PorousElectrodeTerm<2>;
  template class PorousElectrodeTerm<3>;
} // namespace NOxFlow
