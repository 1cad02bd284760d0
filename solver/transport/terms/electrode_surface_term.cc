#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/face_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/terms/electrode_surface_term.h>
#include <solver/transport/transport_rows.h>

#include <algorithm>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  ElectrodeSurfaceTerm<dim>::ElectrodeSurfaceTerm(
    const NernstPlanckModel<dim> &model,
    const TransportRows<dim>     &rows)
    : FaceTerm<dim>(model, rows)
  {
    // A porous electrode reacts in its volume; its boundary is the current
    // collector.
    for (unsigned int e = 0; e < model.electrode_boundaries.size(); ++e)
      {
        reactions_of.push_back(model.reactions_on(e));
        if (!model.is_porous(e))
          electrode_on[model.electrode_boundaries[e]] = e;
      }
  }

  template <int dim>
  bool
  ElectrodeSurfaceTerm<dim>::acts_on(const types::boundary_id boundary) const
  {
    return electrode_on.count(boundary) > 0;
  }

  template <int dim>
  void
  ElectrodeSurfaceTerm<dim>::add(const FaceState<dim> &state,
                                 LocalSystem          &local) const
  {
    const auto        &cell      = state.cell;
    const unsigned int n_t       = cell.n_t;
    const unsigned int n_species = cell.n_species;
    const unsigned int dofs      = cell.dofs_per_cell;
    const unsigned int pc        = model.potential_component();
    const double       c_ref     = model.scales.concentration;
    const double       scale     = 1. / (c_ref * model.scales.diffusivity);
    const unsigned int e         = electrode_on.at(state.boundary_id);
    const bool         working   = local.is_working(e);
    c_si.resize(n_species);
    s_value.resize(n_species);
    s_d_psi.resize(n_species);
    s_d_phi_s.resize(n_species);
    s_d_u.resize(n_species, std::vector<double>(dofs));
    i_d_u.resize(dofs);
    Physics::ReactionRate rate;
    for (unsigned int q = 0; q < state.n_q; ++q)
      {
        const auto  &phi = state.phi[q];
        const double psi = state.values[q][pc];
        for (unsigned int s = 0; s < n_species; ++s)
          c_si[s] = state.c[q][s] * c_ref;
        std::fill(s_value.begin(), s_value.end(), 0.);
        std::fill(s_d_psi.begin(), s_d_psi.end(), 0.);
        std::fill(s_d_phi_s.begin(), s_d_phi_s.end(), 0.);
        for (auto &row : s_d_u)
          std::fill(row.begin(), row.end(), 0.);

        for (const unsigned int r : reactions_of[e])
          {
            const auto &reaction = model.reactions[r];
            reaction.evaluate(c_si,
                              scaled_overpotential(
                                reaction, local.f_electrode_potentials[e], psi),
                              rate);
            // d i / d (local DoF j), through the species at the point.
            for (unsigned int j = 0; j < dofs; ++j)
              {
                const unsigned int cj = cell.component[j];
                const unsigned int b  = cell.node_of[j];
                i_d_u[j]              = 0.;
                if (cj < n_t)
                  for (unsigned int s = 0; s < n_species; ++s)
                    i_d_u[j] +=
                      rate.d_concentration[s] * state.d_c(q, s, cj, b) * c_ref;
              }
            for (unsigned int s = 0; s < n_species; ++s)
              {
                const double p = reaction.production_per_current(s) * scale;
                if (p == 0.)
                  continue;
                s_value[s] += p * rate.current_density;
                s_d_psi[s] -= p * rate.d_scaled_overpotential;
                s_d_phi_s[s] += p * rate.d_scaled_overpotential;
                for (unsigned int j = 0; j < dofs; ++j)
                  s_d_u[s][j] += p * i_d_u[j];
              }
            if (working)
              {
                const double jxw_si = state.jxw_si[q];
                local.current += jxw_si * rate.current_density;
                local.d_current_d_potential +=
                  jxw_si * rate.d_scaled_overpotential;
                for (unsigned int j = 0; j < dofs; ++j)
                  {
                    const unsigned int cj = cell.component[j];
                    if (cj < n_t)
                      local.d_current(j) += jxw_si * i_d_u[j];
                    else if (cj == pc)
                      local.d_current(j) -=
                        jxw_si * rate.d_scaled_overpotential * phi[j];
                  }
              }
          }

        // Production s enters the domain: the weak form gets -s.
        for (unsigned int i = 0; i < dofs; ++i)
          {
            const unsigned int ci = cell.component[i];
            if (ci > n_t) // the solid phase has no boundary terms
              continue;
            double value = 0., d_phi_s = 0.;
            for (const unsigned int s : rows.species_of(ci))
              {
                value -= rows.weight(ci, s) * s_value[s];
                d_phi_s -= rows.weight(ci, s) * s_d_phi_s[s];
              }
            const double jxw_phi = state.jxw[q] * phi[i];
            local.residual(i) += jxw_phi * value;
            if (working)
              local.d_potential(i) += jxw_phi * d_phi_s;
            if (!local.with_matrix)
              continue;
            for (unsigned int j = 0; j < dofs; ++j)
              {
                const unsigned int cj = cell.component[j];
                if (cj > n_t)
                  continue;
                double derivative = 0.;
                for (const unsigned int s : rows.species_of(ci))
                  derivative -= rows.weight(ci, s) *
                                (cj < n_t ? s_d_u[s][j] : s_d_psi[s] * phi[j]);
                local.matrix(i, j) += jxw_phi * derivative;
              }
          }
      }
  }

  template class ElectrodeSurfaceTerm<2>;
  template class ElectrodeSurfaceTerm<3>;
} // namespace NOxFlow
