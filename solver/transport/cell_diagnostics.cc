#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>

#include <physics/constants.h>
#include <solver/transport/cell_diagnostics.h>
#include <solver/transport/electrode_overpotential.h>
#include <solver/transport/electrolyte_current.h>
#include <solver/transport/nernst_planck_operator.h>
#include <solver/transport/nodal_species.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iomanip>
#include <limits>
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

    /// Concentrations (mol/m3) at face point @p q, interpolated from the
    /// nodal speciation of the face's cell as the operator does.
    template <int dim>
    void
    face_concentrations(const NodalSpecies<dim> &nodal,
                        const FEFaceValues<dim> &fe_face_values,
                        const unsigned int       q,
                        const double             c_ref,
                        std::vector<double>     &phi,
                        std::vector<double>     &c)
    {
      for (unsigned int a = 0; a < phi.size(); ++a)
        phi[a] = fe_face_values.shape_value(nodal.dof(0, a), q);
      nodal.interpolate(phi, c);
      for (double &v : c)
        v *= c_ref;
    }

    /**
     * Calls @p visit(electrode, point, JxW, concentrations, currents per
     * reaction, scaled electrolyte potential) at every face quadrature point
     * of every electrode that this rank owns.
     */
    template <int dim>
    void
    for_each_electrode_point(
      const Discretization<dim>         &discretization,
      const NernstPlanckModel<dim>      &model,
      const PETScWrappers::MPI::Vector  &solution,
      const std::vector<double>         &f_phi_s,
      const std::function<void(unsigned int,
                               const Point<dim> &,
                               double,
                               const std::vector<double> &,
                               const std::vector<double> &,
                               double)> &visit)
    {
      const QGauss<dim - 1>       quadrature(2);
      FEFaceValues<dim>           fe_face_values(*discretization.fe,
                                       quadrature,
                                       update_values |
                                         update_quadrature_points |
                                         update_JxW_values);
      const unsigned int          n_c = model.n_components();
      std::vector<Vector<double>> values(quadrature.size(),
                                         Vector<double>(n_c));
      std::vector<double>         c(model.electrolyte.n_species());
      NodalSpecies<dim>           nodal(model, *discretization.fe);
      Vector<double>        cell_values(discretization.fe->n_dofs_per_cell());
      std::vector<double>   phi(nodal.n_cell_nodes());
      std::vector<double>   currents(model.reactions.size());
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
      const QGauss<dim>           cell_quadrature(2);
      FEValues<dim>               fe_values(*discretization.fe,
                              cell_quadrature,
                              update_values | update_quadrature_points |
                                update_JxW_values);
      std::vector<double>         cell_phi(nodal.n_cell_nodes());
      std::vector<double>         no_currents(model.reactions.size(), 0.);
      std::vector<Vector<double>> cell_point_values(cell_quadrature.size(),
                                                    Vector<double>(n_c));
      for (const auto &cell :
           discretization.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          if (const auto *porous =
                model.porous_electrode_in(cell->material_id()))
            if (porous->projected_area > 0. &&
                porous->specific_area_in(cell->material_id()) > 0.)
              {
                fe_values.reinit(cell);
                fe_values.get_function_values(solution, cell_point_values);
                cell->get_dof_values(solution, cell_values);
                nodal.reinit(cell_values, cell->material_id());
                const double weight =
                  porous->projected_area / porous->reacting_volume;
                for (unsigned int q = 0; q < cell_quadrature.size(); ++q)
                  {
                    for (unsigned int a = 0; a < cell_phi.size(); ++a)
                      cell_phi[a] = fe_values.shape_value(nodal.dof(0, a), q);
                    nodal.interpolate(cell_phi, c);
                    for (double &v : c)
                      v *= model.scales.concentration;
                    visit(porous->electrode,
                          fe_values.quadrature_point(q),
                          weight * fe_values.JxW(q),
                          c,
                          no_currents,
                          cell_point_values[q][model.potential_component()]);
                  }
              }
      for (const auto &cell :
           discretization.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary())
              for (unsigned int e = 0; e < model.electrode_boundaries.size();
                   ++e)
                if (face->boundary_id() == model.electrode_boundaries[e] &&
                    !measured_in_volume(e))
                  {
                    fe_face_values.reinit(cell, face);
                    fe_face_values.get_function_values(solution, values);
                    cell->get_dof_values(solution, cell_values);
                    nodal.reinit(cell_values, cell->material_id());
                    for (unsigned int q = 0; q < quadrature.size(); ++q)
                      {
                        face_concentrations(nodal,
                                            fe_face_values,
                                            q,
                                            model.scales.concentration,
                                            phi,
                                            c);
                        const double psi =
                          values[q][model.potential_component()];
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
                              fe_face_values.quadrature_point(q),
                              fe_face_values.JxW(q),
                              c,
                              currents,
                              psi);
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
      const auto       &fe = *discretization.fe;
      const QGauss<dim> quadrature(2);
      FEValues<dim>     fe_values(
        fe, quadrature, update_values | update_gradients | update_JxW_values);
      NodalSpecies<dim>   nodal(model, fe);
      const double        f_rt = Physics::Constants::f_over_rt;
      Vector<double>      cell_values(fe.n_dofs_per_cell());
      std::vector<double> lumped_mass(nodal.n_cell_nodes()),
        c(model.electrolyte.n_species());
      const unsigned int    pc = model.potential_component();
      const unsigned int    sc = model.solid_component();
      Physics::ReactionRate rate;
      for (const auto &cell :
           discretization.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          if (const auto *porous =
                model.porous_electrode_in(cell->material_id()))
            {
              fe_values.reinit(cell);
              cell->get_dof_values(solution, cell_values);
              nodal.reinit(cell_values, cell->material_id());
              std::fill(lumped_mass.begin(), lumped_mass.end(), 0.);
              for (unsigned int q = 0; q < quadrature.size(); ++q)
                {
                  Tensor<1, dim> grad_xi;
                  for (unsigned int a = 0; a < lumped_mass.size(); ++a)
                    {
                      lumped_mass[a] +=
                        fe_values.JxW(q) *
                        fe_values.shape_value(nodal.dof(0, a), q);
                      grad_xi += cell_values(nodal.dof(sc, a)) *
                                 fe_values.shape_grad(nodal.dof(sc, a), q);
                    }
                  // phi_s = phi_electrode + xi RT/F.
                  integrals.solid_heat[porous->electrode] +=
                    fe_values.JxW(q) * porous->solid_conductivity *
                    grad_xi.norm_square() / (f_rt * f_rt);
                }
              // Reactions lumped at the nodes, as the operator assembles
              // them (so the balances close).
              const double a_v = porous->specific_area_in(cell->material_id());
              for (unsigned int a = 0; a < lumped_mass.size(); ++a)
                {
                  const double psi = cell_values(nodal.dof(pc, a));
                  const double xi  = cell_values(nodal.dof(sc, a));
                  for (unsigned int s = 0; s < c.size(); ++s)
                    c[s] = nodal.at_node(a)[s] * model.scales.concentration;
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
                        lumped_mass[a] * a_v * rate.current_density;
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
  } // namespace

  template <int dim>
  CellReport
  evaluate_cell(const Discretization<dim>        &discretization,
                const NernstPlanckModel<dim>     &model,
                const PETScWrappers::MPI::Vector &solution,
                const std::vector<double>        &f_phi_s)
  {
    const auto        &electrolyte = model.electrolyte;
    const unsigned int n_species   = electrolyte.n_species();
    const unsigned int n_e         = model.electrode_boundaries.size();
    const auto         comm        = discretization.comm;
    const double       nan         = std::numeric_limits<double>::quiet_NaN();
    CellReport         report;
    std::vector<std::vector<unsigned int>> reactions_of_electrode;
    for (unsigned int e = 0; e < n_e; ++e)
      reactions_of_electrode.push_back(model.reactions_on(e));

    // Electrode integrals.
    std::vector<double>              area(n_e, 0.), ph_integral(n_e, 0.);
    std::vector<std::vector<double>> c_integral(n_e,
                                                std::vector<double>(n_species,
                                                                    0.));
    std::vector<std::vector<double>> c_min(
      n_e, std::vector<double>(n_species, std::numeric_limits<double>::max()));
    report.reaction_current.assign(model.reactions.size(), 0.);
    OverpotentialIntegrals integrals(n_e);
    const double           f_rt = Physics::Constants::f_over_rt;
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
          const double               psi) {
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
    Utilities::MPI::sum(report.reaction_current, comm, report.reaction_current);
    for (unsigned int e = 0; e < n_e; ++e)
      {
        ElectrodeReport er;
        er.name      = model.electrode_names[e];
        er.area      = area[e];
        er.potential = f_phi_s[e] / Physics::Constants::f_over_rt;
        Utilities::MPI::sum(c_integral[e], comm, c_integral[e]);
        Utilities::MPI::min(c_min[e], comm, c_min[e]);
        for (unsigned int s = 0; s < n_species; ++s)
          er.mean_concentration.push_back(c_integral[e][s] / area[e]);
        er.min_concentration = c_min[e];
        er.mean_ph = electrolyte.has_ph() ? ph_integral[e] / area[e] : nan;
        const double weight      = integrals.abs_current[e];
        er.equilibrium_potential = weight > 0. ? integrals.e0[e] / weight : nan;
        er.mean_overpotential = weight > 0. ? integrals.eta[e] / weight : nan;
        for (const unsigned int r : model.reactions_on(e))
          er.current += report.reaction_current[r];
        report.electrodes.push_back(er);
      }
    double max_current = 0., sum_current = 0.;
    for (const auto &er : report.electrodes)
      {
        max_current = std::max(max_current, std::abs(er.current));
        sum_current += er.current;
      }
    report.charge_balance = max_current > 0. ? sum_current / max_current : 0.;
    for (unsigned int r = 0; r < model.reactions.size(); ++r)
      {
        const double total =
          report.electrodes[model.reaction_electrode[r]].current;
        report.faradaic_efficiency.push_back(
          total != 0. ? report.reaction_current[r] / total : nan);
      }

    // Production at electrodes.
    report.production.assign(n_species, 0.);
    for (unsigned int r = 0; r < model.reactions.size(); ++r)
      for (unsigned int s = 0; s < n_species; ++s)
        report.production[s] += model.reactions[r].production_per_current(s) *
                                report.reaction_current[r];

    // Production by kinetic volume reactions, lumped at the nodes as the
    // operator assembles it.
    report.volume_production.assign(n_species, 0.);
    if (!model.volume_reactions.empty())
      {
        const auto         &fe = *discretization.fe;
        const QGauss<dim>   quadrature(2);
        FEValues<dim>       fe_values(fe,
                                quadrature,
                                update_values | update_JxW_values);
        NodalSpecies<dim>   nodal(model, fe);
        Vector<double>      cell_values(fe.n_dofs_per_cell());
        std::vector<double> c_si(n_species), d_rate;
        for (const auto &cell :
             discretization.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              fe_values.reinit(cell);
              cell->get_dof_values(solution, cell_values);
              nodal.reinit(cell_values, cell->material_id());
              for (unsigned int a = 0; a < nodal.n_cell_nodes(); ++a)
                {
                  double lumped = 0.;
                  for (unsigned int q = 0; q < quadrature.size(); ++q)
                    lumped += fe_values.shape_value(nodal.dof(0, a), q) *
                              fe_values.JxW(q);
                  for (unsigned int s = 0; s < n_species; ++s)
                    c_si[s] = nodal.at_node(a)[s] * model.scales.concentration;
                  for (const auto &reaction : model.volume_reactions)
                    {
                      const double rate = reaction.rate(c_si, d_rate);
                      for (unsigned int s = 0; s < n_species; ++s)
                        report.volume_production[s] +=
                          lumped * reaction.stoichiometry[s] * rate;
                    }
                }
            }
        Utilities::MPI::sum(report.volume_production,
                            comm,
                            report.volume_production);
      }

    // Outflow and outlet composition: faces where the flow leaves and the
    // species are not held.
    report.outflow.assign(n_species, 0.);
    const unsigned int n_t = model.speciation().n_transported();
    report.component_outflow.assign(n_t, 0.);
    double volume_flow = 0.;
    if (model.velocity)
      {
        const QGauss<dim - 1>       quadrature(2);
        FEFaceValues<dim>           fe_face_values(*discretization.fe,
                                         quadrature,
                                         update_values |
                                           update_quadrature_points |
                                           update_normal_vectors |
                                           update_JxW_values);
        std::vector<Vector<double>> values(
          quadrature.size(), Vector<double>(model.n_components()));
        std::vector<Vector<double>> u(quadrature.size(), Vector<double>(dim));
        std::vector<double>         c(n_species);
        NodalSpecies<dim>           nodal(model, *discretization.fe);
        Vector<double>      cell_values(discretization.fe->n_dofs_per_cell());
        std::vector<double> phi(nodal.n_cell_nodes());
        for (const auto &cell :
             discretization.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary() &&
                  model.concentration_dirichlet.count(face->boundary_id()) == 0)
                {
                  fe_face_values.reinit(cell, face);
                  fe_face_values.get_function_values(solution, values);
                  cell->get_dof_values(solution, cell_values);
                  nodal.reinit(cell_values, cell->material_id());
                  model.velocity->values(fe_face_values, u);
                  for (unsigned int q = 0; q < quadrature.size(); ++q)
                    {
                      double u_n = 0.;
                      for (unsigned int a = 0; a < dim; ++a)
                        u_n += u[q][a] * fe_face_values.normal_vector(q)[a];
                      face_concentrations(nodal,
                                          fe_face_values,
                                          q,
                                          model.scales.concentration,
                                          phi,
                                          c);
                      volume_flow += fe_face_values.JxW(q) * std::max(u_n, 0.);
                      for (unsigned int s = 0; s < n_species; ++s)
                        report.outflow[s] += fe_face_values.JxW(q) * u_n * c[s];
                      // The totals leave as the operator carries them.
                      for (unsigned int k = 0; k < n_t; ++k)
                        report.component_outflow[k] +=
                          fe_face_values.JxW(q) * u_n * values[q][k] *
                          model.scales.concentration;
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

    // Consistent inflow: the species residual without Dirichlet rows.
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
    }
    report.species_balance.assign(n_species, nan);
    for (unsigned int k = 0; k < model.speciation().n_transported(); ++k)
      {
        const unsigned int p = model.speciation().transported_primary(k);
        const double in = std::isnan(report.inflow[p]) ? 0. : report.inflow[p];
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
        const double scale = std::max(
          {std::abs(in), std::abs(produced), std::abs(out), gross, 1e-300});
        report.species_balance[p] = (in + produced - out) / scale;
      }

    // Joule heating of the electrolyte current, per region, with the
    // species interpolated from the nodes as the operator does.
    {
      report.regions = mesh_regions(discretization);
      report.joule_heating.assign(report.regions.size(), 0.);

      const QGauss<dim>  quadrature(2);
      FEValues<dim>      fe_values(*discretization.fe,
                              quadrature,
                              update_values | update_gradients |
                                update_JxW_values);
      const unsigned int pc    = model.potential_component();
      const double       c_ref = model.scales.concentration;
      std::vector<std::vector<Tensor<1, dim>>> gradients(
        quadrature.size(), std::vector<Tensor<1, dim>>(model.n_components()));
      NodalSpecies<dim>   nodal(model, *discretization.fe);
      Vector<double>      cell_values(discretization.fe->n_dofs_per_cell());
      std::vector<double> phi(nodal.n_cell_nodes()), c(n_species);
      std::vector<Tensor<1, dim>> grad_c(n_species);
      for (const auto &cell :
           discretization.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            fe_values.reinit(cell);
            fe_values.get_function_gradients(solution, gradients);
            cell->get_dof_values(solution, cell_values);
            nodal.reinit(cell_values, cell->material_id());
            const auto &region = model.region(cell->material_id());
            double      heat   = 0.;
            for (unsigned int q = 0; q < quadrature.size(); ++q)
              {
                for (unsigned int a = 0; a < phi.size(); ++a)
                  phi[a] = fe_values.shape_value(nodal.dof(0, a), q);
                nodal.interpolate(phi, c);
                for (unsigned int s = 0; s < n_species; ++s)
                  {
                    c[s] *= c_ref;
                    grad_c[s] = Tensor<1, dim>();
                    for (unsigned int a = 0; a < phi.size(); ++a)
                      grad_c[s] += nodal.at_node(a)[s] * c_ref *
                                   fe_values.shape_grad(nodal.dof(0, a), q);
                  }
                const Tensor<1, dim> i =
                  electrolyte_current_density(electrolyte,
                                              region.diffusivity_factor,
                                              c,
                                              grad_c,
                                              gradients[q][pc]);
                const double sigma =
                  region.diffusivity_factor * electrolyte.conductivity(c);
                if (sigma > 0.)
                  heat += fe_values.JxW(q) * i.norm_square() / sigma;
              }
            const auto k = std::lower_bound(report.regions.begin(),
                                            report.regions.end(),
                                            cell->material_id()) -
                           report.regions.begin();
            report.joule_heating[k] += heat;
          }
      Utilities::MPI::sum(report.joule_heating, comm, report.joule_heating);
    }

    // Nodal minima (the species a negative value would hit first).
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
                const auto [component, node] = fe.system_to_component_index(i);
                nodal[node][component]       = cell_values[i];
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
    std::vector<ElectrodeSample<dim>> local;
    for_each_electrode_point<dim>(discretization,
                                  model,
                                  solution,
                                  f_phi_s,
                                  [&](const unsigned int e,
                                      const Point<dim>  &p,
                                      const double,
                                      const std::vector<double> &,
                                      const std::vector<double> &currents,
                                      const double) {
                                    if (e != electrode)
                                      return;
                                    double i = 0.;
                                    for (const double c : currents)
                                      i += c;
                                    local.push_back({p, i});
                                  });
    std::vector<ElectrodeSample<dim>> all;
    for (const auto &part :
         Utilities::MPI::all_gather(discretization.comm, local))
      all.insert(all.end(), part.begin(), part.end());
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
      for (unsigned int d = 0; d < dim; ++d)
        if (a.location[d] != b.location[d])
          return a.location[d] < b.location[d];
      return false;
    });
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
