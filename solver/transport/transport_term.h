#ifndef noxflow_solver_transport_transport_term_h
#define noxflow_solver_transport_transport_term_h

#include <deal.II/base/types.h>

namespace NOxFlow
{
  template <int dim>
  class CellState;
  template <int dim>
  class FaceState;
  template <int dim>
  struct NernstPlanckModel;
  template <int dim>
  class TransportRows;
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
    CellTerm(const NernstPlanckModel<dim> &model,
             const TransportRows<dim>     &rows)
      : model(model)
      , rows(rows)
    {}

    virtual ~CellTerm() = default;

    /// True if the term acts in cells of @p material.
    virtual bool
    acts_in(const dealii::types::material_id material) const = 0;

    virtual void
    add(const CellState<dim> &state, LocalSystem &local) const = 0;

    /// True if the term reads the species, the potential or the SUPG
    /// parameters at quadrature points (CellState::reinit skips them,
    /// a third of its work, in cells where no term does).
    virtual bool
    reads_point_species() const
    {
      return true;
    }

  protected:
    const NernstPlanckModel<dim> &model;
    /// How the species equations combine into rows.
    const TransportRows<dim> &rows;
  };

  /// @brief As CellTerm, for the boundary faces with some boundary ids.
  template <int dim>
  class FaceTerm
  {
  public:
    FaceTerm(const NernstPlanckModel<dim> &model,
             const TransportRows<dim>     &rows)
      : model(model)
      , rows(rows)
    {}

    virtual ~FaceTerm() = default;

    virtual bool
    acts_on(const dealii::types::boundary_id boundary) const = 0;

    virtual void
    add(const FaceState<dim> &state, LocalSystem &local) const = 0;

  protected:
    const NernstPlanckModel<dim> &model;
    const TransportRows<dim>     &rows;
  };
} // namespace NOxFlow

#endif
