#ifndef noxflow_solver_transport_terms_species_flux_term_h
#define noxflow_solver_transport_terms_species_flux_term_h

#include <deal.II/base/tensor.h>

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Diffusion, migration and advection (Galerkin part) in every cell:
   * row r gets int (sum_s w_rs F_s) . grad phi_a with F_s = D_s (grad c_s +
   * z_s c_s grad psi) - u c_s on the advected rows (the charge row has no
   * advection: sum_s z_s c_s = 0).
   */
  template <int dim>
  class SpeciesFluxTerm : public CellTerm<dim>
  {
  public:
    using CellTerm<dim>::CellTerm;

    /// Everywhere, unless the edge fluxes replace it.
    bool
    acts_in(const dealii::types::material_id) const override;

    void
    add(const CellState<dim> &state, LocalSystem &local) const override;

  private:
    using CellTerm<dim>::model;
    using CellTerm<dim>::rows;
    /// Per row (in add()): d(row flux)/d(unknown m at node b). Scratch.
    mutable std::vector<std::vector<dealii::Tensor<1, dim>>> coef;
  };
} // namespace NOxFlow

#endif
