#ifndef noxflow_solver_transport_terms_gas_diffusion_term_h
#define noxflow_solver_transport_terms_gas_diffusion_term_h

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Diffusion of the gas species in the gas regions
   * (GasPhase: N_i = -c_g D_i grad x_i, D_i from the dusty-gas relations
   * for a stagnant carrier, GasPhase::diffusivity), as fluxes along the cell
   * edges like the liquid's EdgeFluxTerm:
   *
   *   F_ab = T_ab c_g D_i(x_ab) (x_i,a - x_i,b),
   *
   * T_ab = |K| / (2^(dim-1) L_ab^2) and D_i at the edge's mean composition
   * x_ab. For a given D_i the linearisation is an M-matrix on boxes, so
   * the mole fractions have no undershoots; F_ab leaves a and enters b, so
   * the gas is conserved.
   */
  template <int dim>
  class GasDiffusionTerm : public CellTerm<dim>
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
    mutable std::vector<double> x_a, x_b, x_ab, d_dx;
  };
} // namespace NOxFlow

#endif
