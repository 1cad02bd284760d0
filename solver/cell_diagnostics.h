#ifndef noxflow_solver_cell_diagnostics_h
#define noxflow_solver_cell_diagnostics_h

#include <deal.II/base/point.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/discretization.h>
#include <solver/nernst_planck_model.h>

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
    std::vector<double> production;
    /// Flux-averaged concentration leaving the domain, mol/m3.
    std::vector<double> outlet_concentration;
    /// Minimum nodal concentration of each species, mol/m3, and where.
    std::vector<double>              min_concentration;
    std::vector<std::vector<double>> min_location;
    /// (sum of electrode currents) / max |electrode current|.
    double charge_balance = 0.;
    /// Per species: (in + produced - out) / max(|in|, |produced|, |out|).
    std::vector<double> species_balance;
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

  template <int dim>
  CellReport
  evaluate_cell(const Discretization<dim>                &discretization,
                const NernstPlanckModel<dim>             &model,
                const dealii::PETScWrappers::MPI::Vector &ghosted_solution,
                const std::vector<double> &f_electrode_potentials);

  /// Current density at every face quadrature point of electrode @p e,
  /// gathered on every rank, sorted by coordinate.
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
