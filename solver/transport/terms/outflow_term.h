#ifndef noxflow_solver_transport_terms_outflow_term_h
#define noxflow_solver_transport_terms_outflow_term_h

#include <solver/transport/transport_term.h>

namespace NOxFlow
{
  /**
   * @brief Advective outflow on every boundary that does not hold the
   * concentrations: int (u.n) T_r phi_a ds on the advected rows, T_r =
   * sum_s w_rs c_s the row's amount (zero on walls, where u.n = 0).
   * Diffusion and migration leave no flux there (natural condition).
   */
  template <int dim>
  class OutflowTerm : public FaceTerm<dim>
  {
  public:
    using FaceTerm<dim>::FaceTerm;

    bool
    acts_on(const dealii::types::boundary_id boundary) const override;

    void
    add(const FaceState<dim> &state, LocalSystem &local) const override;

  private:
    using FaceTerm<dim>::model;
    using FaceTerm<dim>::rows;
  };
} // namespace NOxFlow

#endif
