#ifndef noxflow_solver_transport_terms_gas_liquid_exchange_term_h
#define noxflow_solver_transport_terms_gas_liquid_exchange_term_h

#include <solver/transport/transport_term.h>

namespace NOxFlow
{
  /**
   * @brief Dissolution of gas species where gas and liquid meet (a
   * catalyst layer): a_gl k_gl (H p x_i - c_i) per volume leaves gas
   * species i and enters the electrolyte species it dissolves as, lumped at
   * the nodes (positive coefficients on the diagonal, as the volume
   * kinetics). It is the only term that couples the two phases.
   */
  template <int dim>
  class GasLiquidExchangeTerm : public CellTerm<dim>
  {
  public:
    using CellTerm<dim>::CellTerm;

    bool
    acts_in(const dealii::types::material_id material) const override;

    void
    add(const CellState<dim> &state, LocalSystem &local) const override;

    bool
    reads_point_species() const override
    {
      return false;
    }

  private:
    using CellTerm<dim>::model;
    using CellTerm<dim>::rows;
  };
} // namespace NOxFlow

#endif
