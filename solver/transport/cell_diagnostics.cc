#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>

#include <physics/constants.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/cell_state.h>
#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/electrolyte_current.h>
#include <solver/transport/face_state.h>
#include <solver/transport/gas_diagnostics.h>
#include <solver/transport/nernst_planck_operator.h>
#include <solver/transport/nodal_sum.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

namespace NOxFlow
{
  using namespace dealii;

  namespace
  {
    /// Concentrations (mol/m3) of all species from the solution components
    /// in a cell of material @p material.
    template <int dim>
    void
    all_concentrations(const NernstPlanckModel<dim>    &model,
                       const Vector<double>            &values,
                       const types::material_id         material,
                       Physics::Speciation::Point<dim> &point,
                       std::vector<double>             &c)
    {
      const double c_ref = model.scales.concentration;
      model.speciation().evaluate(values.begin(),
                                  model.region(material).fixed_charge / c_ref,
                                  point);
      for (unsigned int s = 0; s < c.size(); ++s)
        c[s] = point.c[s] * c_ref;
    }

    /**
     * Calls @p visit(electrode, point, JxW, concentrations, currents per
     * reaction, scaled electrolyte potential) at every face quadrature point
     * of every electrode that this rank owns.
     */
    template <int dim>
    void
    for_each_electrode_point(
      const Discretization<dim>               &discretization,
      const NernstPlanckModel<dim>            &model,
      const PETScWrappers::MPI::Vector        &solution,
      const std::vector<double>               &f_phi_s,
      const std::function<void(unsigned int,
                               const Point<dim> &,
                               double,
                               const std::vector<double> &,
                               const std::vector<double> &,
                               double,
                               const FaceState<dim> *,
                               unsigned int)> &visit)
    {
      // The species as the operator sees them (CellState, FaceState).
      CellState<dim>        state(model, *discretization.fe);
      FaceState<dim>        face(state);
      const unsigned int    pc    = model.potential_component();
      const double          c_ref = model.scales.concentration;
      std::vector<double>   c(model.electrolyte.n_species());
      std::vector<double>   currents(model.reactions.size());
      std::vector<double>   no_currents(model.reactions.size(), 0.);
      Physics::ReactionRate rate;
      std::vector<std::vector<unsigned int>> reactions_of_electrode;
      for (unsigned int e = 0; e < model.electrode_boundaries.size(); ++e)
        reactions_of_electrode.push_back(model.reactions_on(e));
      // Porous electrodes with a projected area report means over their
      // reacting volume, weighted so that the weights sum to that area.
      const auto measured_in_volume = [&](const unsigned int e) {
        const auto *porous = model.porous_electrode_of(e);
        return porous && porous->projected_area > 0.;
      };
      // The electrode (measured on its boundary) of each boundary face.
      const auto electrode_on = [&](const types::boundary_id id) {
        int electrode = -1;
        for (unsigned int e = 0; e < model.electrode_boundaries.size(); ++e)
          if (id == model.electrode_boundaries[e] && !measured_in_volume(e))
            electrode = e;
        return electrode;
      };
      for (const auto &cell :
           discretization.dof_handler.active_cell_iterators())
        {
          if (!cell->is_locally_owned())
            continue;
          const auto *porous = model.porous_electrode_in(cell->material_id());
          const bool  in_volume =
            porous && porous->projected_area > 0. &&
            porous->specific_area_in(cell->material_id()) > 0.;
          bool on_boundary = false;
          for (const unsigned int f : cell->face_indices())
            on_boundary |= cell->at_boundary(f) &&
                           electrode_on(cell->face(f)->boundary_id()) >= 0;
          if (!in_volume && !on_boundary)
            continue;
          state.reinit(cell, solution);
          if (in_volume)
            {
              const double weight =
                porous->projected_area / porous->reacting_volume;
              for (unsigned int q = 0; q < state.n_q; ++q)
                {
                  for (unsigned int s = 0; s < c.size(); ++s)
                    c[s] = state.c[q][s] * c_ref;
                  visit(porous->electrode,
                        state.fe_values.quadrature_point(q),
                        weight * state.jxw_si[q],
                        c,
                        no_currents,
                        state.psi[q],
                        nullptr,
                        q);
                }
            }
          for (const unsigned int f : cell->face_indices())
            {
              if (!cell->at_boundary(f))
                continue;
              const int e = electrode_on(cell->face(f)->boundary_id());
              if (e < 0)
                continue;
              face.reinit(f);
              for (unsigned int q = 0; q < face.n_q; ++q)
                {
                  for (unsigned int s = 0; s < c.size(); ++s)
                    c[s] = face.c[q][s] * c_ref;
                  const double psi = face.values[q][pc];
                  std::fill(currents.begin(), currents.end(), 0.);
                  // A porous electrode reacts in its volume.
                  if (!model.is_porous(e))
                    for (const unsigned int r : reactions_of_electrode[e])
                      {
                        model.reactions[r].evaluate(
                          c,
                          scaled_overpotential(model.reactions[r],
                                               f_phi_s[e],
                                               psi),
                          rate);
                        currents[r] = rate.current_density;
                      }
                  visit(e,
                        face.fe_face_values.quadrature_point(q),
                        face.jxw_si[q],
                        c,
                        currents,
                        psi,
                        &face,
                        q);
                }
            }
        }
    }

    /// Per electrode, integrals over its reactions r of |i_r|, |i_r| E0_r
    /// and |i_r| eta_r (for current-weighted means), and of the Joule
    /// heating sigma_s |grad phi_s|^2 of a porous electrode's solid.
    struct OverpotentialIntegrals
    {
      explicit OverpotentialIntegrals(const unsigned int n_electrodes)
        : abs_current(n_electrodes, 0.)
        , e0(n_electrodes, 0.)
        , eta(n_electrodes, 0.)
        , solid_heat(n_electrodes, 0.)
      {}

      /// Adds a reaction current @p current (A, or A/m in 2D) of electrode
      /// @p e with equilibrium potential @p e0_r at overpotential @p eta_r
      /// (V).
      void
      add(const unsigned int e,
          const double       current,
          const double       e0_r,
          const double       eta_r)
      {
        abs_current[e] += std::abs(current);
        e0[e] += std::abs(current) * e0_r;
        eta[e] += std::abs(current) * eta_r;
      }

      void
      sum(const MPI_Comm comm)
      {
        for (auto *v : {&abs_current, &e0, &eta, &solid_heat})
          Utilities::MPI::sum(*v, comm, *v);
      }

      std::vector<double> abs_current, e0, eta, solid_heat;
    };

    /// Adds the volume currents a_v i of porous electrodes (this rank's
    /// cells), per reaction, A (A/m in 2D), their overpotentials and the
    /// Joule heating of the solid phase.
    template <int dim>
    void
    add_porous_electrode_currents(const Discretization<dim>    &discretization,
                                  const NernstPlanckModel<dim> &model,
                                  const PETScWrappers::MPI::Vector &solution,
                                  const std::vector<double>        &f_phi_s,
                                  std::vector<double>    &reaction_current,
                                  OverpotentialIntegrals &integrals)
    {
      if (!model.has_solid_phase())
        return;
      CellState<dim>        state(model, *discretization.fe);
      const double          f_rt  = model.electrolyte.f_over_rt();
      const double          c_ref = model.scales.concentration;
      const unsigned int    pc    = model.potential_component();
      const unsigned int    sc    = model.solid_component();
      std::vector<double>   c(model.electrolyte.n_species());
      Physics::ReactionRate rate;
      for (const auto &cell :
           discretization.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          if (const auto *porous =
                model.porous_electrode_in(cell->material_id()))
            {
              state.reinit(cell, solution);
              for (unsigned int q = 0; q < state.n_q; ++q)
                {
                  Tensor<1, dim> grad_xi;
                  for (unsigned int a = 0; a < state.n_nodes; ++a)
                    grad_xi += state.cell_values(state.node_dof[sc][a]) *
                               state.grad_phi[q][a];
                  // phi_s = phi_electrode + xi RT/F.
                  integrals.solid_heat[porous->electrode] +=
                    state.jxw_si[q] * porous->solid_conductivity *
                    grad_xi.norm_square() / (f_rt * f_rt);
                }
              // Reactions lumped at the nodes, as the operator assembles
              // them (so the balances close).
              const double a_v = porous->specific_area_in(cell->material_id());
              for (unsigned int a = 0; a < state.n_nodes; ++a)
                {
                  const double psi = state.cell_values(state.node_dof[pc][a]);
                  const double xi  = state.cell_values(state.node_dof[sc][a]);
                  for (unsigned int s = 0; s < c.size(); ++s)
                    c[s] = state.nodal.at_node(a)[s] * c_ref;
                  for (const unsigned int r :
                       model.reactions_on(porous->electrode))
                    {
                      const double e0 =
                        model.reactions[r].equilibrium_potential;
                      model.reactions[r].evaluate(
                        c,
                        scaled_overpotential(model.reactions[r],
                                             f_phi_s[porous->electrode] + xi,
                                             psi),
                        rate);
                      const double current =
                        state.lumped_mass[a] * a_v * rate.current_density;
                      reaction_current[r] += current;
                      integrals.add(porous->electrode,
                                    current,
                                    e0,
                                    (f_phi_s[porous->electrode] + xi - psi) /
                                        f_rt -
                                      e0);
                    }
                }
            }
    }
    /// Per electrode: area, mean and smallest concentrations, pH, currents,
    /// equilibrium potential and overpotential; per reaction: current, FE;
    /// the species made at the electrodes.
    template <int dim>
    void
    add_electrode_reports(const Discretization<dim>        &discretization,
                          const NernstPlanckModel<dim>     &model,
                          const PETScWrappers::MPI::Vector &solution,
                          const std::vector<double>        &f_phi_s,
                          CellReport                       &report)
    {
      const auto        &electrolyte = model.electrolyte;
      const unsigned int n_species   = electrolyte.n_species();
      const unsigned int n_e         = model.electrode_boundaries.size();
      const auto         comm        = discretization.comm;
      const double       nan         = std::numeric_limits<double>::quiet_NaN();
      std::vector<std::vector<unsigned int>> reactions_of_electrode;
      for (unsigned int e = 0; e < n_e; ++e)
        reactions_of_electrode.push_back(model.reactions_on(e));

      std::vector<double>              area(n_e, 0.), ph_integral(n_e, 0.);
      std::vector<std::vector<double>> c_integral(n_e,
                                                  std::vector<double>(n_species,
                                                                      0.));
      std::vector<std::vector<double>> c_min(
        n_e,
        std::vector<double>(n_species, std::numeric_limits<double>::max()));
      report.reaction_current.assign(model.reactions.size(), 0.);
      OverpotentialIntegrals integrals(n_e);
      const double           f_rt = model.electrolyte.f_over_rt();
      for_each_electrode_point<dim>(
        discretization,
        model,
        solution,
        f_phi_s,
        [&](const unsigned int e,
            const Point<dim> &,
            const double               jxw,
            const std::vector<double> &c,
            const std::vector<double> &currents,
            const double               psi,
            const FaceState<dim> *,
            unsigned int) {
          area[e] += jxw;
          for (unsigned int s = 0; s < n_species; ++s)
            {
              c_integral[e][s] += jxw * c[s];
              c_min[e][s] = std::min(c_min[e][s], c[s]);
            }
          if (electrolyte.has_ph())
            ph_integral[e] += jxw * electrolyte.ph(c);
          for (unsigned int r = 0; r < currents.size(); ++r)
            report.reaction_current[r] += jxw * currents[r];
          for (const unsigned int r : reactions_of_electrode[e])
            {
              const double e0 = model.reactions[r].equilibrium_potential;
              integrals.add(e,
                            jxw * currents[r],
                            e0,
                            (f_phi_s[e] - psi) / f_rt - e0);
            }
        });
      Utilities::MPI::sum(area, comm, area);
      Utilities::MPI::sum(ph_integral, comm, ph_integral);
      add_porous_electrode_currents(discretization,
                                    model,
                                    solution,
                                    f_phi_s,
                                    report.reaction_current,
                                    integrals);
      integrals.sum(comm);
      report.solid_joule_heating = integrals.solid_heat;
      Utilities::MPI::sum(report.reaction_current,
                          comm,
                          report.reaction_current);
      for (unsigned int e = 0; e < n_e; ++e)
        {
          ElectrodeReport er;
          er.name      = model.electrode_names[e];
          er.area      = area[e];
          er.potential = f_phi_s[e] / model.electrolyte.f_over_rt();
          Utilities::MPI::sum(c_integral[e], comm, c_integral[e]);
          Utilities::MPI::min(c_min[e], comm, c_min[e]);
          for (unsigned int s = 0; s < n_species; ++s)
            er.mean_concentration.push_back(c_integral[e][s] / area[e]);
          er.min_concentration = c_min[e];
          er.mean_ph = electrolyte.has_ph() ? ph_integral[e] / area[e] : nan;
          const double weight = integrals.abs_current[e];
          er.equilibrium_potential =
            weight > 0. ? integrals.e0[e] / weight : nan;
          er.mean_overpotential = weight > 0. ? integrals.eta[e] / weight : nan;
          for (const unsigned int r : model.reactions_on(e))
            er.current += report.reaction_current[r];
          report.electrodes.push_back(er);
        }
      for (unsigned int r = 0; r < model.reactions.size(); ++r)
        {
          const double total =
            report.electrodes[model.reaction_electrode[r]].current;
          report.faradaic_efficiency.push_back(
            total != 0. ? report.reaction_current[r] / total : nan);
        }

      // Production at the electrodes.
      report.production.assign(n_species, 0.);
      for (unsigned int r = 0; r < model.reactions.size(); ++r)
        for (unsigned int s = 0; s < n_species; ++s)
          report.production[s] += model.reactions[r].production_per_current(s) *
                                  report.reaction_current[r];
      // Gas evolved into the pores: one molecule per reaction.
      report.gas_evolved.assign(model.n_gas_species(), 0.);
      for (unsigned int r = 0; r < model.reactions.size(); ++r)
        for (unsigned int g = 0; g < model.n_gas_species(); ++g)
          if (model.gas->evolves(r, g))
            report.gas_evolved[g] -=
              report.reaction_current[r] /
              (model.reactions[r].n_electrons * Physics::Constants::faraday);
    }

    /// Production by kinetic volume reactions, lumped at the nodes as the
    /// operator assembles it; returns each reaction's
    /// integrated forward plus backward rate.
    template <int dim>
    std::vector<double>
    add_volume_production(const Discretization<dim>        &discretization,
                          const NernstPlanckModel<dim>     &model,
                          const PETScWrappers::MPI::Vector &solution,
                          CellReport                       &report)
    {
      const unsigned int n_species = model.electrolyte.n_species();
      const auto         comm      = discretization.comm;
      report.volume_production.assign(n_species, 0.);
      // Forward plus backward rate of each volume reaction, integrated: the
      // scale of the round-off in its net rate.
      std::vector<double> volume_gross(model.volume_reactions.size(), 0.);
      if (!model.volume_reactions.empty())
        {
          CellState<dim>      state(model, *discretization.fe);
          std::vector<double> c_si(n_species), d_rate;
          for (const auto &cell :
               discretization.dof_handler.active_cell_iterators())
            if (cell->is_locally_owned())
              {
                state.reinit(cell, solution);
                for (unsigned int a = 0; a < state.n_nodes; ++a)
                  {
                    for (unsigned int s = 0; s < n_species; ++s)
                      c_si[s] =
                        state.nodal.at_node(a)[s] * model.scales.concentration;
                    for (unsigned int k = 0; k < model.volume_reactions.size();
                         ++k)
                      {
                        const auto  &reaction = model.volume_reactions[k];
                        const double rate     = reaction.rate(c_si, d_rate);
                        volume_gross[k] +=
                          state.lumped_mass[a] * reaction.gross_rate(c_si);
                        for (unsigned int s = 0; s < n_species; ++s)
                          report.volume_production[s] +=
                            state.lumped_mass[a] * reaction.stoichiometry[s] *
                            rate;
                      }
                  }
              }
          Utilities::MPI::sum(report.volume_production,
                              comm,
                              report.volume_production);
          Utilities::MPI::sum(volume_gross, comm, volume_gross);
        }

      return volume_gross;
    }

    /// Species and totals leaving with the flow, and the outlet composition:
    /// faces where the flow leaves and the species are not held.
    template <int dim>
    void
    add_outflow(const Discretization<dim>        &discretization,
                const NernstPlanckModel<dim>     &model,
                const PETScWrappers::MPI::Vector &solution,
                CellReport                       &report)
    {
      const unsigned int n_species = model.electrolyte.n_species();
      const auto         comm      = discretization.comm;
      const double       nan       = std::numeric_limits<double>::quiet_NaN();
      report.outflow.assign(n_species, 0.);
      const unsigned int n_t = model.speciation().n_transported();
      report.component_outflow.assign(n_t, 0.);
      double volume_flow = 0.;
      if (model.velocity)
        {
          CellState<dim> state(model, *discretization.fe);
          FaceState<dim> face(state);
          const double   c_ref = model.scales.concentration;
          for (const auto &cell :
               discretization.dof_handler.active_cell_iterators())
            {
              if (!cell->is_locally_owned())
                continue;
              bool reinit = true;
              for (const unsigned int f : cell->face_indices())
                {
                  if (!cell->at_boundary(f) ||
                      model.concentration_dirichlet.count(
                        cell->face(f)->boundary_id()) > 0)
                    continue;
                  if (reinit)
                    state.reinit(cell, solution);
                  reinit = false;
                  face.reinit(f);
                  for (unsigned int q = 0; q < face.n_q; ++q)
                    {
                      const double u_n = face.u_n[q] * model.scales.diffusivity;
                      const double flow = face.jxw_si[q] * u_n;
                      volume_flow += face.jxw_si[q] * std::max(u_n, 0.);
                      for (unsigned int s = 0; s < n_species; ++s)
                        report.outflow[s] += flow * face.c[q][s] * c_ref;
                      // The totals leave as the operator carries them.
                      for (unsigned int k = 0; k < n_t; ++k)
                        for (unsigned int s = 0; s < n_species; ++s)
                          report.component_outflow[k] +=
                            flow * model.speciation().weight(k, s) *
                            face.c[q][s] * c_ref;
                    }
                }
            }
        }
      Utilities::MPI::sum(report.outflow, comm, report.outflow);
      Utilities::MPI::sum(report.component_outflow,
                          comm,
                          report.component_outflow);
      volume_flow = Utilities::MPI::sum(volume_flow, comm);
      for (unsigned int s = 0; s < n_species; ++s)
        report.outlet_concentration.push_back(
          volume_flow > 0. ? report.outflow[s] / volume_flow : nan);
    }

    /// Inflow of each total and the current through potential-reference
    /// boundaries: the residual on their held DoFs.
    template <int dim>
    void
    add_inflow(const Discretization<dim>        &discretization,
               const NernstPlanckModel<dim>     &model,
               const PETScWrappers::MPI::Vector &solution,
               const std::vector<double>        &f_phi_s,
               CellReport                       &report)
    {
      const unsigned int n_species = model.electrolyte.n_species();
      const auto         comm      = discretization.comm;
      const double       nan       = std::numeric_limits<double>::quiet_NaN();
      // Consistent: the species residual on the Dirichlet rows.
      report.inflow.assign(n_species, nan);
      {
        auto                      residual = discretization.owned_vector();
        NernstPlanckOperator<dim> op(discretization, model);
        AssemblyTargets           targets;
        targets.residual = &residual;
        op.assemble(
          solution, f_phi_s, -1, discretization.hanging_constraints, targets);
        // Per transported unknown (a species or a component total); the
        // balance below is of that total.
        const auto &speciation = model.speciation();
        for (unsigned int k = 0; k < speciation.n_transported(); ++k)
          {
            double sum = 0.;
            for (const auto i : discretization.owned_dofs_by_component[k])
              if (discretization.dirichlet_dofs.is_element(i))
                sum += residual(i);
            report.inflow[speciation.transported_primary(k)] =
              Utilities::MPI::sum(sum, comm) * model.residual_to_molar_flux();
          }
        for (unsigned int i = 0; i < model.n_gas_species(); ++i)
          {
            double sum = 0.;
            for (const auto d :
                 discretization.owned_dofs_by_component[model.gas_component(i)])
              if (discretization.dirichlet_dofs.is_element(d))
                sum += residual(d);
            report.gas_inflow.push_back(Utilities::MPI::sum(sum, comm) *
                                        model.residual_to_molar_flux());
          }
        // Current entering through potential-reference boundaries: the
        // charge row's residual on their DoFs, as for the inflows.
        double entering = 0.;
        for (const auto i :
             discretization
               .owned_dofs_by_component[model.potential_component()])
          if (discretization.dirichlet_dofs.is_element(i))
            entering += residual(i);
        report.reference_current = Utilities::MPI::sum(entering, comm) *
                                   model.residual_to_molar_flux() *
                                   Physics::Constants::faraday;
      }
    }

    /// Charge balance and the balance of every transported total.
    template <int dim>
    void
    add_balances(const NernstPlanckModel<dim> &model,
                 const std::vector<double>    &volume_gross,
                 CellReport                   &report)
    {
      const unsigned int n_species = model.electrolyte.n_species();
      const double       nan       = std::numeric_limits<double>::quiet_NaN();
      // Charge: what the electrodes pass into the electrolyte and what enters
      // through potential-reference boundaries sum to zero.
      double max_current = std::abs(report.reference_current);
      double sum_current = report.reference_current;
      for (const auto &er : report.electrodes)
        {
          max_current = std::max(max_current, std::abs(er.current));
          sum_current += er.current;
        }
      report.charge_balance = max_current > 0. ? sum_current / max_current : 0.;

      report.species_balance.assign(n_species, nan);
      const unsigned int  n_totals = model.speciation().n_transported();
      std::vector<double> imbalance(n_totals), own_scale(n_totals);
      for (unsigned int k = 0; k < n_totals; ++k)
        {
          const unsigned int p = model.speciation().transported_primary(k);
          const double       in =
            std::isnan(report.inflow[p]) ? 0. : report.inflow[p];
          double       produced = 0.;
          const double out      = report.component_outflow[k];
          for (unsigned int s = 0; s < n_species; ++s)
            produced += model.speciation().weight(k, s) *
                        (report.production[s] + report.volume_production[s]);
          // Relative to the largest flow of the total through the cell: an
          // intermediate (NO2-) made and used up at nearly the same rate has a
          // tiny net production, which would magnify round-off.
          double gross = 0.;
          for (unsigned int r = 0; r < model.reactions.size(); ++r)
            {
              double per_current = 0.;
              for (unsigned int s = 0; s < n_species; ++s)
                per_current += model.speciation().weight(k, s) *
                               model.reactions[r].production_per_current(s);
              gross += std::abs(per_current * report.reaction_current[r]);
            }
          for (unsigned int r = 0; r < model.volume_reactions.size(); ++r)
            {
              double per_rate = 0.;
              for (unsigned int s = 0; s < n_species; ++s)
                per_rate += model.speciation().weight(k, s) *
                            model.volume_reactions[r].stoichiometry[s];
              gross += std::abs(per_rate) * volume_gross[r];
            }
          imbalance[k] = in + produced - out;
          own_scale[k] =
            std::max({std::abs(in), std::abs(produced), std::abs(out), gross});
        }
      // An inert total (a supporting ion) has no flows of its own: it is
      // judged against the largest flow through the cell; a cell where
      // nothing flows (below 1e-12 of the equations' unit flux) is balanced.
      const double cell_scale =
        std::max(*std::max_element(own_scale.begin(), own_scale.end()),
                 1e-12 * model.residual_to_molar_flux());
      for (unsigned int k = 0; k < n_totals; ++k)
        report.species_balance[model.speciation().transported_primary(k)] =
          imbalance[k] / std::max(own_scale[k], cell_scale);

      for (unsigned int i = 0; i < model.n_gas_species(); ++i)
        {
          report.gas_species.push_back(model.gas->species[i].name);
          report.gas_dissolves_as.push_back(model.gas->dissolves_as[i]);
          const double in = report.gas_inflow[i], out = report.gas_dissolved[i],
                       made = report.gas_evolved[i];
          report.gas_balance.push_back(
            model.gas_volume_source ?
              nan :
              (in + made - out) /
                std::max(
                  {std::abs(in), std::abs(out), std::abs(made), cell_scale}));
        }
    }

    /// Joule heating of the electrolyte current, per region, with the species
    /// interpolated from the nodes as the operator does.
    template <int dim>
    void
    add_joule_heating(const Discretization<dim>        &discretization,
                      const NernstPlanckModel<dim>     &model,
                      const PETScWrappers::MPI::Vector &solution,
                      CellReport                       &report)
    {
      const auto        &electrolyte = model.electrolyte;
      const unsigned int n_species   = electrolyte.n_species();
      const auto         comm        = discretization.comm;
      {
        report.regions = mesh_regions(discretization);
        report.joule_heating.assign(report.regions.size(), 0.);

        CellState<dim>              state(model, *discretization.fe);
        const double                c_ref = model.scales.concentration;
        std::vector<double>         c(n_species);
        std::vector<Tensor<1, dim>> grad_c(n_species);
        for (const auto &cell :
             discretization.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              state.reinit(cell, solution);
              const auto &region = model.region(cell->material_id());
              double      heat   = 0.;
              for (unsigned int q = 0; q < state.n_q; ++q)
                {
                  for (unsigned int s = 0; s < n_species; ++s)
                    {
                      c[s]      = state.c[q][s] * c_ref;
                      grad_c[s] = state.grad_c[q][s] * c_ref;
                    }
                  const Tensor<1, dim> i =
                    electrolyte_current_density(electrolyte,
                                                region.diffusivity_factor,
                                                c,
                                                grad_c,
                                                state.grad_psi[q]);
                  const double sigma =
                    region.diffusivity_factor * electrolyte.conductivity(c);
                  if (sigma > 0.)
                    heat += state.jxw_si[q] * i.norm_square() / sigma;
                }
              const auto k = std::lower_bound(report.regions.begin(),
                                              report.regions.end(),
                                              cell->material_id()) -
                             report.regions.begin();
              report.joule_heating[k] += heat;
            }
        Utilities::MPI::sum(report.joule_heating, comm, report.joule_heating);
      }
    }

    /// Nodal minima of every species (the species a negative value would
    /// hit first) and where they sit.
    template <int dim>
    void
    add_nodal_minima(const Discretization<dim>        &discretization,
                     const NernstPlanckModel<dim>     &model,
                     const PETScWrappers::MPI::Vector &solution,
                     CellReport                       &report)
    {
      const unsigned int n_species = model.electrolyte.n_species();
      const auto         comm      = discretization.comm;
      report.min_concentration.assign(n_species,
                                      std::numeric_limits<double>::max());
      report.min_location.assign(n_species, std::vector<double>(dim, 0.));
      {
        const auto        &fe = *discretization.fe;
        Vector<double>     cell_values(fe.n_dofs_per_cell());
        const unsigned int n_nodes = fe.base_element(0).n_dofs_per_cell();
        std::vector<Vector<double>>     nodal(n_nodes,
                                          Vector<double>(model.n_components()));
        std::vector<double>             c(n_species);
        Physics::Speciation::Point<dim> point;
        for (const auto &cell :
             discretization.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              cell->get_dof_values(solution, cell_values);
              for (unsigned int i = 0; i < cell_values.size(); ++i)
                {
                  const auto [component, node] =
                    fe.system_to_component_index(i);
                  nodal[node][component] = cell_values[i];
                }
              for (unsigned int node = 0; node < n_nodes; ++node)
                {
                  all_concentrations(
                    model, nodal[node], cell->material_id(), point, c);
                  for (unsigned int s = 0; s < n_species; ++s)
                    if (c[s] < report.min_concentration[s])
                      {
                        report.min_concentration[s] = c[s];
                        // Q1 nodes are the cell's vertices, in order.
                        const Point<dim> p = cell->vertex(node);
                        report.min_location[s].assign(&p[0], &p[0] + dim);
                      }
                }
            }
        // The location travels with the minimum across ranks.
        for (unsigned int s = 0; s < n_species; ++s)
          {
            const auto global =
              Utilities::MPI::min_max_avg(report.min_concentration[s], comm);
            std::vector<double> where = report.min_location[s];
            if (Utilities::MPI::this_mpi_process(comm) != global.min_index)
              where.assign(dim, 0.);
            Utilities::MPI::sum(where, comm, report.min_location[s]);
            report.min_concentration[s] = global.min;
          }
      }
    }

  } // namespace

  template <int dim>
  CellReport
  evaluate_cell(const Discretization<dim>        &discretization,
                const NernstPlanckModel<dim>     &model,
                const PETScWrappers::MPI::Vector &solution,
                const std::vector<double>        &f_phi_s)
  {
    CellReport report;
    add_electrode_reports(discretization, model, solution, f_phi_s, report);
    const auto volume_gross =
      add_volume_production(discretization, model, solution, report);
    report.gas_dissolved = gas_dissolved(discretization, model, solution);
    for (unsigned int i = 0; i < model.n_gas_species(); ++i)
      if (model.gas->dissolves_as[i] >= 0)
        report.volume_production[model.gas->dissolves_as[i]] +=
          report.gas_dissolved[i];
    add_outflow(discretization, model, solution, report);
    add_inflow(discretization, model, solution, f_phi_s, report);
    add_balances(model, volume_gross, report);
    add_joule_heating(discretization, model, solution, report);
    add_nodal_minima(discretization, model, solution, report);
    return report;
  }

  template <int dim>
  std::vector<types::material_id>
  mesh_regions(const Discretization<dim> &discretization)
  {
    std::vector<types::material_id> local, all;
    for (const auto &cell :
         discretization.triangulation.active_cell_iterators())
      if (cell->is_locally_owned() &&
          std::find(local.begin(), local.end(), cell->material_id()) ==
            local.end())
        local.push_back(cell->material_id());
    for (const auto &ids :
         Utilities::MPI::all_gather(discretization.comm, local))
      all.insert(all.end(), ids.begin(), ids.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }

  VoltageBreakdown
  voltage_breakdown(const CellReport &report,
                    const int         cathode,
                    const int         anode)
  {
    const double     nan = std::numeric_limits<double>::quiet_NaN();
    VoltageBreakdown v;
    if (cathode < 0 || anode < 0)
      {
        v.cell = v.equilibrium = v.kinetic_cathode = v.kinetic_anode =
          v.ohmic_solid_cathode = v.ohmic_solid_anode = v.concentration = nan;
        v.ohmic.assign(report.joule_heating.size(), nan);
        return v;
      }
    const auto &c = report.electrodes[cathode];
    const auto &a = report.electrodes[anode];
    v.cell        = a.potential - c.potential;
    v.equilibrium = a.equilibrium_potential - c.equilibrium_potential;
    // Counted positive where they drive the current (|eta| when every
    // reaction runs its electrode's way), so that the parts sum exactly.
    v.kinetic_cathode = -c.mean_overpotential;
    v.kinetic_anode   = a.mean_overpotential;
    v.concentration =
      v.cell - v.equilibrium - v.kinetic_cathode - v.kinetic_anode;
    const double current = c.current != 0. ? std::abs(c.current) : nan;
    for (const double heat : report.joule_heating)
      {
        v.ohmic.push_back(heat / current);
        v.concentration -= v.ohmic.back();
      }
    v.ohmic_solid_cathode = report.solid_joule_heating[cathode] / current;
    v.ohmic_solid_anode   = report.solid_joule_heating[anode] / current;
    v.concentration -= v.ohmic_solid_cathode + v.ohmic_solid_anode;
    return v;
  }

  template <int dim>
  std::vector<ElectrodeSample<dim>>
  electrode_current_distribution(const Discretization<dim>    &discretization,
                                 const NernstPlanckModel<dim> &model,
                                 const PETScWrappers::MPI::Vector &solution,
                                 const std::vector<double>        &f_phi_s,
                                 const unsigned int                electrode)
  {
    // Nodal values of the current the balances integrate (the kinetics at
    // the face quadrature points), projected with the lumped face mass:
    // j_a = sum_q jxw phi_a i / sum_q jxw phi_a. The trapezoidal rule over
    // the nodes then gives the electrode current exactly.
    std::vector<NodalSum<dim>> local;
    for_each_electrode_point<dim>(
      discretization,
      model,
      solution,
      f_phi_s,
      [&](const unsigned int e,
          const Point<dim> &,
          const double jxw,
          const std::vector<double> &,
          const std::vector<double> &currents,
          const double,
          const FaceState<dim> *face,
          const unsigned int    q) {
        if (e != electrode || face == nullptr)
          return;
        double i = 0.;
        for (const double c : currents)
          i += c;
        const auto &cell = face->cell;
        for (unsigned int a = 0; a < cell.n_nodes; ++a)
          {
            const double phi = face->phi[q][cell.node_dof[0][a]];
            if (phi != 0.)
              local.push_back({cell.cell->vertex(a), jxw * phi * i, jxw * phi});
          }
      });
    std::vector<ElectrodeSample<dim>> all;
    for (const auto &node :
         sum_at_nodes(local, model.scales.length, discretization.comm))
      all.push_back({node.location, node.value / node.weight});
    return all;
  }

  std::string
  balance_violation(const CellReport           &report,
                    const Physics::Electrolyte &electrolyte,
                    const double                tolerance)
  {
    std::string worst_name = "charge";
    double      worst      = std::abs(report.charge_balance);
    for (unsigned int s = 0; s < report.species_balance.size(); ++s)
      if (std::abs(report.species_balance[s]) > worst) // NaN: not balanced
        {
          worst      = std::abs(report.species_balance[s]);
          worst_name = electrolyte[s].name;
        }
    for (unsigned int i = 0; i < report.gas_balance.size(); ++i)
      if (std::abs(report.gas_balance[i]) > worst)
        {
          worst      = std::abs(report.gas_balance[i]);
          worst_name = "gas " + report.gas_species[i];
        }
    if (worst <= tolerance)
      return "";
    std::ostringstream message;
    message << "the " << worst_name << " balance " << std::setprecision(2)
            << worst << " exceeds the balance tolerance " << tolerance;
    return message.str();
  }

  template CellReport
  evaluate_cell(const Discretization<2> &,
                const NernstPlanckModel<2> &,
                const PETScWrappers::MPI::Vector &,
                const std::vector<double> &);
  template CellReport
  evaluate_cell(const Discretization<3> &,
                const NernstPlanckModel<3> &,
                const PETScWrappers::MPI::Vector &,
                const std::vector<double> &);
  template std::vector<types::material_id>
  mesh_regions(const Discretization<2> &);
  template std::vector<types::material_id>
  mesh_regions(const Discretization<3> &);
  template std::vector<ElectrodeSample<2>>
  electrode_current_distribution(const Discretization<2> &,
                                 const NernstPlanckModel<2> &,
                                 const PETScWrappers::MPI::Vector &,
                                 const std::vector<double> &,
                                 const unsigned int);
  template std::vector<ElectrodeSample<3>>
  electrode_current_distribution(const Discretization<3> &,
                                 const NernstPlanckModel<3> &,
                                 const PETScWrappers::MPI::Vector &,
                                 const std::vector<double> &,
                                 const unsigned int);
} // namespace NOxFlow
