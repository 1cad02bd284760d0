#ifndef noxflow_solver_transport_nernst_planck_model_h
#define noxflow_solver_transport_nernst_planck_model_h

#include <deal.II/base/function.h>
#include <deal.II/base/types.h>

#include <physics/chemistry/homogeneous_reaction.h>
#include <physics/chemistry/speciation.h>
#include <physics/electrolyte.h>
#include <physics/kinetics/electrode_reaction.h>
#include <solver/transport/gas_phase.h>
#include <solver/transport/velocity_field.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief Reference scales that make the Nernst-Planck system O(1).
   *
   * Unknowns are c/c_ref and psi = F phi_l / RT; every equation is divided by
   * D_ref c_ref L_ref^(dim-2), so that diffusion entries are O(1) in 2D and 3D.
   */
  struct Scales
  {
    double concentration = 1.;
    double diffusivity   = 1.;
    double length        = 1.;
  };

  /**
   * @brief What a material region changes in the electrolyte it holds:
   * porous layers (Bruggeman), ionomer and membranes (fixed charge,
   * slower diffusion). The open electrolyte is the default.
   */
  struct ElectrolyteRegion
  {
    /// D_eff = factor D for every species: eps^1.5 in a porous layer.
    double diffusivity_factor = 1.;
    /// z_fix c_fix of the fixed ionic groups, mol/m3 (Nafion: about -1200).
    double fixed_charge = 0.;
  };

  /**
   * @brief A porous electrode (volume-averaged, two-potential model): its
   * reactions run throughout its regions at a_v i per volume, and its solid
   * phase conducts to the current collector, the electrode's boundary.
   */
  struct PorousElectrode
  {
    unsigned int                         electrode = 0;
    std::set<dealii::types::material_id> regions;
    /// Interface per volume a_v, 1/m.
    double specific_area = 0.;
    /// Effective conductivity of the solid, S/m.
    double solid_conductivity = 0.;
    /// a_v of regions that differ from specific_area (a GDL that only
    /// conducts has 0).
    std::map<dealii::types::material_id, double> region_specific_area = {};
    /// Projected (geometric) area, m2 (m in 2D), and volume of the regions
    /// with a_v > 0; set by the run once the mesh exists. With an area the
    /// electrode's "surface" means are means over that volume, and current
    /// densities refer to the area; without (0) they are taken over the
    /// collector.
    double projected_area  = 0.;
    double reacting_volume = 0.;
    /// Normal axis and coordinate of the collector plane (set with the
    /// area): current distributions are projected onto it.
    unsigned int collector_axis     = 0;
    double       collector_position = 0.;
    /// Interface area, the integral of a_v over the electrode, m2.
    double interface_area = 0.;

    double
    specific_area_in(const dealii::types::material_id region) const
    {
      const auto it = region_specific_area.find(region);
      return it == region_specific_area.end() ? specific_area : it->second;
    }
  };

  /**
   * @brief The steady electroneutral Nernst-Planck problem on a mesh:
   * what the assembly needs and nothing about how it is solved.
   *
   * Solution components: the transported unknowns of the speciation (the
   * species without the electroneutrality species, or with equilibria the
   * component totals) as c/c_ref, then psi = F phi_l / RT.
   */
  template <int dim>
  struct NernstPlanckModel
  {
    Physics::Electrolyte                    electrolyte;
    std::vector<Physics::ElectrodeReaction> reactions;
    /// Kinetic (finite-rate) reactions in the electrolyte volume.
    std::vector<Physics::HomogeneousReaction> volume_reactions;
    /// Porous electrodes; with any, the solution has a last component
    /// xi = F (phi_s - phi_electrode) / RT, zero outside them.
    std::vector<PorousElectrode> porous_electrodes;
    /// Regions by material id; ids not listed are open electrolyte.
    std::map<dealii::types::material_id, ElectrolyteRegion> regions;
    /// Boundary of each electrode and the electrode of each reaction.
    std::vector<dealii::types::boundary_id> electrode_boundaries;
    std::vector<std::string>                electrode_names;
    std::vector<unsigned int>               reaction_electrode;

    /// Species held at boundary_values (inlets, bulk).
    std::set<dealii::types::boundary_id> concentration_dirichlet;
    /// psi held at boundary_values (a bulk reference electrode).
    std::set<dealii::types::boundary_id> potential_dirichlet;

    /// Velocity in m/s (dim components), or null for no flow.
    std::shared_ptr<const VelocityField<dim>> velocity;
    /// Dirichlet values in solution components (scaled).
    std::shared_ptr<const dealii::Function<dim>> boundary_values;
    /// Species values of concentration boundaries fed with their own
    /// composition (an anolyte, a second inlet); the others hold
    /// boundary_values.
    std::map<dealii::types::boundary_id,
             std::shared_ptr<const dealii::Function<dim>>>
      own_boundary_values;
    /// Optional sources for verification, one component per species,
    /// scaled by c_ref: volume (1/s) and boundary (m/s, into the domain).
    std::shared_ptr<const dealii::Function<dim>> volume_source;
    std::shared_ptr<const dealii::Function<dim>> boundary_source;

    /// A gas phase in porous regions (gas-fed electrodes), or null. Its
    /// mole fractions are the last solution components, zero outside its
    /// regions and held at the feed composition on its feed boundaries
    /// (boundary_values gives them there).
    std::shared_ptr<const GasPhase> gas;
    /// Optional gas production for verification, mol/(m3 s), one component
    /// per gas species.
    std::shared_ptr<const dealii::Function<dim>> gas_volume_source;

    bool stabilization = true;
    /// Diffusion, migration and advection as Scharfetter-Gummel edge fluxes
    /// (EdgeFluxTerm) instead of the Galerkin flux and SUPG.
    bool edge_fluxes = false;

    /// SUPG acts: stabilisation on and the Galerkin flux in use.
    bool
    supg() const
    {
      return stabilization && !edge_fluxes;
    }
    /**
     * How species are interpolated inside a cell from their nodal values
     * (speciated at the nodes): linear (Q1, group interpolation), or
     * logarithmic, c = exp(Q1 interpolant of ln c), positive by
     * construction and with equilibria exact at every point; the
     * speciation then keeps every nodal species positive. Set it before
     * set_equilibria().
     */
    bool logarithmic_species = false;
    /**
     * Positive total unknowns logarithmic below a threshold (see
     * Physics::Speciation): every nodal species positive for any unknowns.
     * Implied by logarithmic_species; with the linear interpolation the
     * species inside a cell are convex combinations of positive nodal
     * values. Set it before set_equilibria().
     */
    bool   logarithmic_unknowns = false;
    Scales scales;

    bool
    has_logarithmic_unknowns() const
    {
      return logarithmic_unknowns || logarithmic_species;
    }

    /// Equilibria and electroneutrality: unknowns -> species. Set it with
    /// set_equilibria(); without, it is built from the electrolyte alone.
    const Physics::Speciation &
    speciation() const
    {
      if (!species_map)
        species_map = std::make_shared<Physics::Speciation>(
          electrolyte,
          std::vector<Physics::HomogeneousReaction>(),
          scales.concentration,
          has_logarithmic_unknowns());
      return *species_map;
    }

    /// Builds the speciation for @p equilibria (after electrolyte and
    /// scales are set).
    void
    set_equilibria(const std::vector<Physics::HomogeneousReaction> &equilibria)
    {
      species_map =
        std::make_shared<Physics::Speciation>(electrolyte,
                                              equilibria,
                                              scales.concentration,
                                              has_logarithmic_unknowns());
    }

    const ElectrolyteRegion &
    region(const dealii::types::material_id id) const
    {
      static const ElectrolyteRegion open;
      const auto                     it = regions.find(id);
      return it == regions.end() ? open : it->second;
    }

    unsigned int
    n_components() const
    {
      return n_liquid_components() + n_gas_species();
    }

    /// The electrolyte's components: transported unknowns, psi and, with
    /// porous electrodes, the solid potential.
    unsigned int
    n_liquid_components() const
    {
      return speciation().n_transported() + (has_solid_phase() ? 2 : 1);
    }

    unsigned int
    n_gas_species() const
    {
      return gas ? gas->n_species() : 0;
    }

    /// Component of the mole fraction of gas species @p i.
    unsigned int
    gas_component(const unsigned int i) const
    {
      return n_liquid_components() + i;
    }

    bool
    has_solid_phase() const
    {
      return !porous_electrodes.empty();
    }

    unsigned int
    solid_component() const
    {
      return speciation().n_transported() + 1;
    }

    /// The porous electrode filling material @p id, or null.
    const PorousElectrode *
    porous_electrode_in(const dealii::types::material_id id) const
    {
      for (const auto &p : porous_electrodes)
        if (p.regions.count(id))
          return &p;
      return nullptr;
    }

    /// Electrode @p e as a porous electrode, or null (a surface electrode).
    const PorousElectrode *
    porous_electrode_of(const unsigned int e) const
    {
      for (const auto &p : porous_electrodes)
        if (p.electrode == e)
          return &p;
      return nullptr;
    }

    /// True if electrode @p e is porous (its boundary is the collector).
    bool
    is_porous(const unsigned int e) const
    {
      return porous_electrode_of(e) != nullptr;
    }

    unsigned int
    potential_component() const
    {
      return speciation().n_transported();
    }

    /// Factor of every equation besides dividing fluxes by D_ref:
    /// 1 / L_ref^(dim-2).
    double
    equation_scale() const
    {
      return 1. / std::pow(scales.length, dim - 2);
    }

    /// Scaled residual of a species row -> molar flux, mol/s (mol/(m s) in
    /// 2D).
    double
    residual_to_molar_flux() const
    {
      return scales.concentration * scales.diffusivity / equation_scale();
    }

    /// Smallest scaled concentration Newton may step to and a converged
    /// solution may have. Q1 on the stretched cells of boundary layers is
    /// not monotone, so products next to an electrode edge undershoot
    /// slightly; such values are reported, larger ones fail the step.
    static constexpr double negative_concentration_tolerance = 1e-3;

    /// Reactions running on electrode @p e.
    std::vector<unsigned int>
    reactions_on(const unsigned int e) const
    {
      std::vector<unsigned int> result;
      for (unsigned int r = 0; r < reactions.size(); ++r)
        if (reaction_electrode[r] == e)
          result.push_back(r);
      return result;
    }

    /// Component names for output and solver options (e.g. "NO3-", "psi").
    std::vector<std::string>
    component_names() const
    {
      std::vector<std::string> names;
      for (unsigned int k = 0; k < speciation().n_transported(); ++k)
        names.push_back(speciation().component_name(k));
      names.push_back("psi");
      if (has_solid_phase())
        names.push_back("phi_s");
      for (unsigned int i = 0; i < n_gas_species(); ++i)
        names.push_back("x_" + gas->species[i].name);
      return names;
    }

    /// Scaled transported unknowns (the totals; logarithmic below a
    /// threshold with logarithmic species) for species concentrations
    /// @p c_si in mol/m3.
    std::vector<double>
    unknowns_for(const std::vector<double> &c_si) const
    {
      std::vector<double> c(c_si);
      for (double &v : c)
        v /= scales.concentration;
      return speciation().unknowns(c);
    }

  private:
    /// Built on first use when no equilibria are set (it then does not
    /// depend on the scales).
    mutable std::shared_ptr<const Physics::Speciation> species_map;
  };
} // namespace NOxFlow

#endif
