#ifndef noxflow_solver_transport_terms_gas_volume_source_term_h
#define noxflow_solver_transport_terms_gas_volume_source_term_h

#include <deal.II/lac/vector.h>

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /// @brief The verification source of the gas rows
  /// (NernstPlanckModel::gas_volume_source), int S_i phi_a dx.
  template <int dim>
  class GasVolumeSourceTerm : public CellTerm<dim>
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
    mutable std::vector<dealii::Vector<double>> source;
  };
} // namespace NOxFlow

#endif
