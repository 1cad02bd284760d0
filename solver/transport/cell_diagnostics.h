#ifndef noxflow_solver_transport_cell_diagnostics_h
#define noxflow_solver_transport_cell_diagnostics_h

#include <deal.II/base/point.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>

#include <limits>
#include <string>
#include <vector>

namespace NOxFlow
{
  /// Integrals over one electrode (SI; per metre of depth in 2D).
  struct ElectrodeReport
  {
    std::string name;
    double      area = 0.;
    /// Net current, A; negative is cathodic.
    double              current   = 0.;
    double              potential = 0.;
    std::vector<double> mean_concentration;
    std::vector<double> min_concentration;
    double              mean_ph = 0.;
    /// Means over the electrode's reactions and surface (or volume, if
    /// porous), weighted by the magnitude of each reaction's local current:
    /// E0 (V) and eta = phi_s - phi_l - E0 (V; < 0 at a working cathode).
    /// NaN without current.
    double equilibrium_potential = 0.;
    double mean_overpotential    = 0.;
  };

  /// One product of `subsection Products` at a state (SI).
  struct ProductReport
  {
    std::string name;
    /// Electrode whose reactions make it (-1: no reaction involves it).
    int electrode = -1;
    /// Net production by that electrode's reactions, its equilibrium
    /// partners included (NH3 + NH4+), mol/s (mol/(m s) in 2D).
    double production = 0.;
    /// n F production / |electrode current|.
    double faradaic_efficiency = 0.;
    /// production / electrode area, mol/(m2 s).
    double rate = 0.;
  };

  /**
   * @brief U_cell = phi_s(anode) - phi_s(cathode) in parts, V:
   * equilibrium (current-weighted E0 of each electrode's reactions),
   * kinetic (current-weighted mean overpotential at each electrode,
   * counted positive where it drives the current, i.e. |eta| in normal
   * operation; eta is measured from E0 as in the kinetic law, so it
   * includes the loss of reactant at the surface), ohmic per region (Joule
   * heating of the electrolyte current / I) and in the solid of porous
   * electrodes, and, what is left so that the parts sum to U_cell exactly, the
   * concentration part (diffusion potentials and the non-uniformity of the
   * current-weighted means).
   */
  struct VoltageBreakdown
  {
    double              cell            = 0.;
    double              equilibrium     = 0.;
    double              kinetic_cathode = 0.;
    double              kinetic_anode   = 0.;
    std::vector<double> ohmic;
    /// Solid phase of a porous cathode, anode (0 for plane electrodes).
    double ohmic_solid_cathode = 0.;
    double ohmic_solid_anode   = 0.;
    double concentration       = 0.;
  };

  /**
   * @brief What a converged state says about the cell: currents, Faradaic
   * efficiencies, surface and outlet compositions, and balances.
   *
   * Inflows are the consistent boundary fluxes (residual of the species
   * equations on the Dirichlet DoFs), so the species balance closes to the
   * solver tolerance when assembly, kinetics and stoichiometry agree.
   */
  struct CellReport
  {
    std::vector<ElectrodeReport> electrodes;
    /// Per reaction: total current (A) and share of its electrode's current.
    std::vector<double> reaction_current;
    std::vector<double> faradaic_efficiency;
    /// Per species, mol/s: into the domain at concentration boundaries,
    /// out with the flow, produced at electrodes; NaN where not defined
    /// (inflow of the electroneutrality species).
    std::vector<double> inflow;
    std::vector<double> outflow;
    /// Per transported unknown (a species or a component total such as
    /// NH3 + NH4+), mol/s out with the flow, as the operator carries it.
    std::vector<double> component_outflow;
    std::vector<double> production;
    /// Per species, mol/s: made by kinetic volume reactions (lumped at the
    /// nodes, as the operator assembles them); counted in species_balance.
    std::vector<double> volume_production;
    /// Flux-averaged concentration leaving the domain, mol/m3.
    std::vector<double> outlet_concentration;
    /// Minimum nodal concentration of each species, mol/m3, and where.
    std::vector<double>              min_concentration;
    std::vector<std::vector<double>> min_location;
    /// Current entering the electrolyte through potential-reference
    /// boundaries (a bulk or reference electrode), A (A/m in 2D).
    double reference_current = 0.;
    /// (sum of electrode currents + reference_current) / the largest of
    /// their magnitudes.
    double charge_balance = 0.;
    /// Per transported total: (in + produced - out) / its scale, the
    /// largest of |in|, |produced|, |out| and its gross production (sum over
    /// electrode and volume reactions of |its share|, volume reactions at
    /// forward plus backward rate), or of the largest such scale in the
    /// cell, whichever is larger.
    std::vector<double> species_balance;
    /// Gas phase, per gas species (named in gas_species), mol/s: fed
    /// through the feed boundaries (the residual on their held DoFs, as the
    /// liquid inflows; < 0 for a gas that leaves there), dissolved into the
    /// electrolyte (also counted in volume_production), evolved by electrode
    /// reactions, and (fed + evolved - dissolved) / the largest of the
    /// three (NaN with a verification source). Empty without a gas phase.
    std::vector<std::string> gas_species;
    /// Electrolyte species each gas dissolves as (-1: none).
    std::vector<int>    gas_dissolves_as;
    std::vector<double> gas_inflow;
    std::vector<double> gas_dissolved;
    std::vector<double> gas_evolved;
    std::vector<double> gas_balance;

    /// Material ids of the mesh, ascending, and the Joule heating
    /// integral |i|^2 / sigma of the electrolyte current in each, W (W/m in
    /// 2D).
    std::vector<dealii::types::material_id> regions;
    std::vector<double>                     joule_heating;
    /// Per electrode: Joule heating of the solid of a porous electrode
    /// (0 for plane ones), W (W/m in 2D).
    std::vector<double> solid_joule_heating;

    /// Filled by ProductOutputs::evaluate(): one entry per Faradaic
    /// product; 1 - out/in of the reactant's total (NaN: no reactant);
    /// nitrogen, mol/s: in at concentration boundaries, out with the flow,
    /// turned by electrode reactions into what is not a species (N2), and
    /// (in - out - gas) / in (NaN: no nitrogen atoms given); "in" counts
    /// gases fed through a gas-diffusion electrode.
    std::vector<ProductReport> products;
    double conversion       = std::numeric_limits<double>::quiet_NaN();
    double nitrogen_in      = std::numeric_limits<double>::quiet_NaN();
    double nitrogen_out     = std::numeric_limits<double>::quiet_NaN();
    double nitrogen_gas     = std::numeric_limits<double>::quiet_NaN();
    double nitrogen_balance = std::numeric_limits<double>::quiet_NaN();

    /// Filled by voltage_breakdown().
    VoltageBreakdown voltage;
  };

  /// A point on an electrode and the current density there (A/m2).
  template <int dim>
  struct ElectrodeSample
  {
    dealii::Point<dim> location;
    double             current_density;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &location &current_density;
    }
  };

  /**
   * @brief Empty if the charge balance and every species balance of
   * @p report close to @p tolerance (relative); otherwise a sentence naming
   * the worst one, e.g. "the charge balance 3.6e-05 exceeds the balance
   * tolerance 1e-10".
   */
  std::string
  balance_violation(const CellReport           &report,
                    const Physics::Electrolyte &electrolyte,
                    const double                tolerance);

  template <int dim>
  CellReport
  evaluate_cell(const Discretization<dim>                &discretization,
                const NernstPlanckModel<dim>             &model,
                const dealii::PETScWrappers::MPI::Vector &ghosted_solution,
                const std::vector<double> &f_electrode_potentials);

  /// Material ids of the cells of the whole mesh, ascending (on every rank).
  template <int dim>
  std::vector<dealii::types::material_id>
  mesh_regions(const Discretization<dim> &discretization);

  /// The parts of the cell voltage between electrodes @p cathode and
  /// @p anode (indices of report.electrodes; NaN parts if either is -1).
  /// The ohmic part of each region (and of the solid of porous electrodes)
  /// is its Joule heating over the cathode's |current|.
  VoltageBreakdown
  voltage_breakdown(const CellReport &report,
                    const int         cathode,
                    const int         anode);

  /// Current density at every mesh node of (surface) electrode @p e: the
  /// kinetics the balances integrate, projected with the lumped face mass,
  /// so that the trapezoidal rule over the nodes gives the electrode current
  /// exactly; gathered on every rank, sorted by coordinate.
  template <int dim>
  std::vector<ElectrodeSample<dim>>
  electrode_current_distribution(
    const Discretization<dim>                &discretization,
    const NernstPlanckModel<dim>             &model,
    const dealii::PETScWrappers::MPI::Vector &ghosted_solution,
    const std::vector<double>                &f_electrode_potentials,
    const unsigned int                        e);
} // namespace NOxFlow

#endif
