#ifndef noxflow_solver_transport_terms_homogeneous_kinetics_term_h
#define noxflow_solver_transport_terms_homogeneous_kinetics_term_h

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Finite-rate (kinetic) homogeneous reactions by mass action,
   * lumped at the nodes: a fast rate then holds each node near its own
   * equilibrium instead of oscillating between nodes. Each rate enters the
   * rows with TransportRows::reaction_weight (only its pivot row with
   * kinetic invariants). Equilibria need no term: they are in the
   * speciation of the transported totals.
   */
  template <int dim>
  class HomogeneousKineticsTerm : public CellTerm<dim>
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
    mutable std::vector<double> c_si, d_rate;
  };
} // namespace NOxFlow

#endif
