#ifndef noxflow_solver_transport_terms_volume_source_term_h
#define noxflow_solver_transport_terms_volume_source_term_h

#include <deal.II/lac/vector.h>

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief A given volume source per species (model.volume_source, for
   * manufactured solutions), tested with the SUPG-weighted test function
   * phi_a + tau_s u.grad phi_a on the advected rows so that stabilisation
   * stays consistent.
   */
  template <int dim>
  class VolumeSourceTerm : public CellTerm<dim>
  {
  public:
    using CellTerm<dim>::CellTerm;

    bool
    acts_in(const dealii::types::material_id) const override;

    void
    add(const CellState<dim> &state, LocalSystem &local) const override;

  private:
    using CellTerm<dim>::model;
    using CellTerm<dim>::rows;
    mutable std::vector<dealii::Vector<double>> source;
  };
} // namespace NOxFlow

#endif
