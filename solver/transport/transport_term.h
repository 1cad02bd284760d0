#ifndef noxflow_solver_transport_transport_term_h
#define noxflow_solver_transport_transport_term_h

#include <deal.II/base/types.h>

namespace NOxFlow
{
  template <int dim>
  class CellState;
  template <int dim>
  class FaceState;
  struct LocalSystem;

  /**
   * @brief One physical contribution to the transport equations in the cells
   * of some regions: adds its residual and exact Jacobian to a cell's
   * LocalSystem. Terms are independent: each reads the shared CellState and
   * the rows' weights it was given, never another term.
   */
  template <int dim>
  class CellTerm
  {
  public:
    virtual ~CellTerm() = default;

    /// True if the term acts in cells of @p material.
    virtual bool
    acts_in(const dealii::types::material_id material) const = 0;

    virtual void
    add(const CellState<dim> &state, LocalSystem &local) const = 0;
  };

  /// @brief As CellTerm, for the boundary faces with some boundary ids.
  template <int dim>
  class FaceTerm
  {
  public:
    virtual ~FaceTerm() = default;

    virtual bool
    acts_on(const dealii::types::boundary_id boundary) const = 0;

    virtual void
    add(const FaceState<dim> &state, LocalSystem &local) const = 0;
  };
} // namespace NOxFlow

#endif
