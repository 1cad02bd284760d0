#ifndef noxflow_solver_transport_terms_edge_flux_term_h
#define noxflow_solver_transport_terms_edge_flux_term_h

#include <solver/transport/transport_term.h>

namespace NOxFlow
{
  /**
   * @brief Diffusion, migration and advection as Scharfetter-Gummel
   * (exponentially fitted) fluxes along the edges of each cell, the box
   * method of semiconductor and electrochemistry codes
   * (`Discretization/Scheme = scharfetter-gummel`). Along an edge a -> b of
   * length L the flux of species s is exact for a constant drift,
   *   F_ab = T_ab D_s [B(delta) c_a - B(-delta) c_b],
   *   delta = z_s (psi_b - psi_a) - u.(x_b - x_a) / D_s,
   * with the cell's mean velocity (advected rows only, as in the Galerkin
   * term) and the edge's share of the dual face, T_ab = |K| / (2^(dim-1)
   * L^2): the trapezoidal-rule Q1 stiffness, exact on rectangles and boxes.
   * F_ab leaves node a and enters node b, so the scheme is conservative, and
   * for any cell Peclet number its linearisation in c is an M-matrix: no
   * undershoots, and with logarithmic unknowns a positive solution exists.
   * Consistent on rectangular and box cells (every shipped mesh); the
   * diagonals of a distorted cell are left out.
   */
  template <int dim>
  class EdgeFluxTerm : public CellTerm<dim>
  {
  public:
    using CellTerm<dim>::CellTerm;

    bool
    acts_in(const dealii::types::material_id) const override;

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
