#ifndef noxflow_solver_transport_terms_supg_term_h
#define noxflow_solver_transport_terms_supg_term_h

#include <deal.II/base/tensor.h>

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief SUPG stabilisation of the advected rows, transport part: row r
   * gets int (sum_s w_rs tau_s R_s) u.grad phi_a with the strong residual
   * R_s = (u - z_s D_s grad psi) . grad c_s of species s. On Q1 the second
   * derivatives of c_s and psi vanish inside affine cells and are left out.
   * Sources add their own strong-residual part through CellState::supg_test
   * (volume sources, porous-electrode reactions).
   */
  template <int dim>
  class SupgTerm : public CellTerm<dim>
  {
  public:
    using CellTerm<dim>::CellTerm;

    /// Wherever there is a flow and stabilisation is on.
    bool
    acts_in(const dealii::types::material_id) const override;

    void
    add(const CellState<dim> &state, LocalSystem &local) const override;

  private:
    using CellTerm<dim>::model;
    using CellTerm<dim>::rows;
    /// Per row (in add()): d(strong residual)/d(unknown m at node b).
    /// Scratch.
    mutable std::vector<std::vector<double>> coef_s;
  };
} // namespace NOxFlow

#endif
