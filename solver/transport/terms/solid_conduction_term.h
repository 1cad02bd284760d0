#ifndef noxflow_solver_transport_terms_solid_conduction_term_h
#define noxflow_solver_transport_terms_solid_conduction_term_h

#include <solver/transport/transport_term.h>

namespace NOxFlow
{
  /**
   * @brief Conduction in the solid phase of porous electrodes,
   * -div(sigma_s grad phi_s) in the scaled units of the charge row
   * (xi = F (phi_s - phi_electrode) / RT); the transfer current is the
   * PorousElectrodeTerm's.
   */
  template <int dim>
  class SolidConductionTerm : public CellTerm<dim>
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
