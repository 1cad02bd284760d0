#ifndef noxflow_solver_transport_terms_porous_electrode_term_h
#define noxflow_solver_transport_terms_porous_electrode_term_h

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  struct PorousElectrode;

  /**
   * @brief Volumetric Butler-Volmer kinetics of porous electrodes (two-
   * potential model): a_v i_k(c, eta) with eta = phi_s - phi_l - E0_k, a
   * source of each species by its stoichiometry and a sink of the solid
   * phase's current.
   *
   * The Galerkin part is lumped at the nodes: the current at a node depends
   * on that node's state only, so a reactant consumed at a first-order rate
   * cannot be driven negative by its neighbours (a consistent quadrature
   * undershoots where the reactant is nearly used up). The SUPG part of the
   * advected rows is taken at the quadrature points.
   */
  template <int dim>
  class PorousElectrodeTerm : public CellTerm<dim>
  {
  public:
    using CellTerm<dim>::CellTerm;

    bool
    acts_in(const dealii::types::material_id material) const override;

    void
    add(const CellState<dim> &state, LocalSystem &local) const override;

    /// Only its SUPG part reads them (the kinetics are lumped at nodes).
    bool
    reads_point_species() const override
    {
      return model.supg();
    }

  private:
    using CellTerm<dim>::model;
    using CellTerm<dim>::rows;
    /// Scratch: concentrations (mol/m3) and d(a_v i)/d(local DoF).
    mutable std::vector<double> c_si, i_d_u;
  };
} // namespace NOxFlow

#endif
