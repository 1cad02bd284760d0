#ifndef noxflow_solver_transport_terms_boundary_source_term_h
#define noxflow_solver_transport_terms_boundary_source_term_h

#include <deal.II/lac/vector.h>

#include <solver/transport/transport_term.h>

#include <vector>

namespace NOxFlow
{
  /// @brief A given boundary production per species into the domain
  /// (model.boundary_source, for manufactured solutions), on every boundary.
  template <int dim>
  class BoundarySourceTerm : public FaceTerm<dim>
  {
  public:
    using FaceTerm<dim>::FaceTerm;

    bool
    acts_on(const dealii::types::boundary_id) const override;

    void
    add(const FaceState<dim> &state, LocalSystem &local) const override;

  private:
    using FaceTerm<dim>::model;
    using FaceTerm<dim>::rows;
    mutable std::vector<dealii::Vector<double>> source;
  };
} // namespace NOxFlow

#endif
