#include <deal.II/lac/vector.h>

#include <physics/input_error.h>
#include <solver/case/electrolyte_regions.h>
#include <solver/case/gas_phase_from_case.h>
#include <solver/case/model_from_case.h>
#include <solver/transport/prescribed_velocity.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  NernstPlanckModel<dim>
  model_from_case(const CaseParameters    &prm,
                  const Meshes::MeshNames &names,
                  const double             length)
  {
    const auto            &boundaries = names.boundaries;
    NernstPlanckModel<dim> model;
    model.electrolyte = prm.electrolyte;
    model.reactions   = prm.reactions;
    for (const auto &e : prm.electrodes)
      {
        model.electrode_names.push_back(e.name);
        model.electrode_boundaries.push_back(
          boundaries.id(e.boundary(),
                        e.current_collector.empty() ?
                          "Electrodes/Names" :
                          "Electrodes/" + e.name + "/Current collector"));
      }
    for (const auto &r : prm.reactions)
      model.reaction_electrode.push_back(
        prm.electrode_index(r.electrode,
                            "Electrode reactions/" +
                              r.name.substr(0, r.name.find('@')) +
                              "/Electrode"));
    for (const auto &b : prm.concentration_boundaries)
      model.concentration_dirichlet.insert(
        boundaries.id(b, "Boundary conditions/Concentration boundaries"));
    for (const auto &b : prm.potential_reference_boundaries)
      model.potential_dirichlet.insert(
        boundaries.id(b, "Boundary conditions/Potential reference boundaries"));
    // A porous electrode's collector may be an inlet (a feeder mesh); a
    // surface electrode reacts and cannot be held at the inlet state.
    for (unsigned int e = 0; e < prm.electrodes.size(); ++e)
      if (prm.electrodes[e].porous_regions.empty() &&
          model.concentration_dirichlet.count(model.electrode_boundaries[e]))
        throw_input_error("Boundary conditions/Concentration boundaries",
                          prm.electrodes[e].boundary(),
                          "an electrode cannot also be held at the inlet "
                          "concentrations; remove it from the list.");

    const auto &e     = model.electrolyte;
    double      c_max = 0., d_max = 0.;
    for (unsigned int s = 0; s < e.n_species(); ++s)
      {
        c_max = std::max(c_max, e[s].inlet_concentration);
        d_max = std::max(d_max, e[s].diffusivity);
      }
    model.scales.concentration = c_max > 0. ? c_max : 1.;
    model.scales.diffusivity   = d_max;
    model.scales.length        = length;

    std::vector<Physics::HomogeneousReaction> equilibria;
    for (const auto &r : prm.homogeneous_reactions)
      (r.equilibrium ? equilibria : model.volume_reactions).push_back(r);
    model.logarithmic_species = prm.logarithmic_species;
    // An adapted mesh has hanging nodes, where the edge fluxes are no
    // longer an M-matrix (their nodal constraints mix positive couplings
    // in); logarithmic unknowns keep every concentration positive there.
    model.logarithmic_unknowns =
      prm.logarithmic_unknowns || prm.mesh_adaptation.enabled();
    model.set_equilibria(equilibria);
    model.regions =
      electrolyte_regions(prm.flow.porous_media, prm.membranes, names.regions);
    for (unsigned int e = 0; e < prm.electrodes.size(); ++e)
      if (!prm.electrodes[e].porous_regions.empty())
        {
          PorousElectrode porous{e,
                                 {},
                                 prm.electrodes[e].specific_area,
                                 prm.electrodes[e].solid_conductivity};
          for (const auto &region : prm.electrodes[e].porous_regions)
            porous.regions.insert(names.regions.id(region,
                                                   "Electrodes/" +
                                                     prm.electrodes[e].name +
                                                     "/Porous regions"));
          for (const auto &[region, a_v] :
               prm.electrodes[e].region_specific_areas)
            porous.region_specific_area[names.regions.id(
              region,
              "Electrodes/" + prm.electrodes[e].name + "/Porous regions")] =
              a_v;
          model.porous_electrodes.push_back(porous);
        }

    model.gas = gas_phase_from_case(prm, names);

    // A computed flow replaces this once it is solved (Simulation).
    const bool prescribed = !prm.flow.computed() &&
                            prm.flow.velocity_profile != "none" &&
                            prm.flow.mean_velocity > 0.;
    if (prescribed && prm.geometry.type != "channel")
      throw_input_error("Flow/Model",
                        prm.flow.model,
                        "a prescribed profile exists for the channel only; "
                        "compute the flow (stokes, navier-stokes) on '" +
                          prm.geometry.type + "'.");
    if (prm.flow.velocity_profile != "none" && prm.flow.mean_velocity > 0.)
      model.velocity = std::make_shared<PrescribedVelocityField<dim>>(
        std::make_shared<PrescribedVelocity<dim>>(prm.flow.velocity_profile ==
                                                    "poiseuille",
                                                  prm.flow.mean_velocity,
                                                  length));
    Vector<double> values(model.n_components());
    const auto     inlet = model.unknowns_for(e.inlet_concentrations());
    for (unsigned int k = 0; k < inlet.size(); ++k)
      values[k] = inlet[k];
    // Gas mole fractions: the feed (held at the feed boundaries, and the
    // initial state in the gas regions).
    for (unsigned int i = 0; i < model.n_gas_species(); ++i)
      values[model.gas_component(i)] = model.gas->feed[i];
    model.boundary_values =
      std::make_shared<Functions::ConstantFunction<dim>>(values);
    for (const auto &name : e.boundaries_with_own_concentrations())
      {
        std::string entry; // the first species naming this boundary
        for (unsigned int s = 0; s < e.n_species() && entry.empty(); ++s)
          for (const auto &given : e[s].boundary_concentrations)
            if (given.first == name)
              entry = "Species/" + e[s].name + "/Boundary concentrations";
        const auto id = boundaries.id(name, entry);
        if (model.concentration_dirichlet.count(id) == 0)
          throw_input_error(entry,
                            name,
                            "only concentration boundaries hold a "
                            "composition: add '" +
                              name +
                              "' to Boundary conditions/Concentration "
                              "boundaries, or drop it here.");
        const auto own = model.unknowns_for(e.boundary_concentrations(name));
        for (unsigned int k = 0; k < own.size(); ++k)
          values[k] = own[k];
        model.own_boundary_values[id] =
          std::make_shared<Functions::ConstantFunction<dim>>(values);
      }
    model.stabilization = prm.stabilization;
    model.edge_fluxes   = prm.edge_fluxes;
    return model;
  }

  template NernstPlanckModel<2>
  model_from_case(const CaseParameters &,
                  const Meshes::MeshNames &,
                  const double);
  template NernstPlanckModel<3>
  model_from_case(const CaseParameters &,
                  const Meshes::MeshNames &,
                  const double);
} // namespace NOxFlow
