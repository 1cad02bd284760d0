#ifndef noxflow_solver_transport_velocity_field_h
#define noxflow_solver_transport_velocity_field_h

#include <deal.II/base/function.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/vector.h>

#include <boost/signals2/connection.hpp>

#include <memory>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief The electrolyte velocity (m/s) the transport sees, evaluated at
   * the quadrature points of a cell or face of the transport mesh.
   */
  template <int dim>
  class VelocityField
  {
  public:
    virtual ~VelocityField() = default;

    /// Velocity at the points of @p fe_values (an FEValues or FEFaceValues
    /// reinitialised on a cell of the shared triangulation).
    virtual void
    values(const dealii::FEValuesBase<dim>     &fe_values,
           std::vector<dealii::Vector<double>> &velocity) const = 0;
  };

  /// A velocity given as a function of position (dim components).
  template <int dim>
  class PrescribedVelocityField : public VelocityField<dim>
  {
  public:
    explicit PrescribedVelocityField(
      std::shared_ptr<const dealii::Function<dim>> function)
      : function(function)
    {}

    void
    values(const dealii::FEValuesBase<dim>     &fe_values,
           std::vector<dealii::Vector<double>> &velocity) const override
    {
      function->vector_value_list(fe_values.get_quadrature_points(), velocity);
    }

  private:
    std::shared_ptr<const dealii::Function<dim>> function;
  };

  /**
   * @brief A computed finite element velocity (components 0..dim-1 of a
   * flow solution) on the same triangulation as the transport: values come
   * from the flow element on the same cell, no point search.
   *
   * The flow is fixed while the transport iterates, so the values at a
   * cell's (or face's) quadrature points are evaluated once and kept until
   * the triangulation changes: each assembly otherwise re-evaluated the Q2
   * velocity on every cell.
   */
  template <int dim>
  class FiniteElementVelocityField : public VelocityField<dim>
  {
  public:
    FiniteElementVelocityField(
      const dealii::DoFHandler<dim>                 &dof_handler,
      const dealii::PETScWrappers::MPI::BlockVector &ghosted_solution);

    ~FiniteElementVelocityField() override;

    void
    values(const dealii::FEValuesBase<dim>     &fe_values,
           std::vector<dealii::Vector<double>> &velocity) const override;

    /// Q2^dim/Q1 DoFs on the transport mesh.
    const dealii::DoFHandler<dim> &
    dof_handler() const
    {
      return dofs;
    }

    /// Velocity (block 0, m/s) and pressure (block 1, Pa), with ghosts.
    const dealii::PETScWrappers::MPI::BlockVector &
    solution() const
    {
      return flow_solution;
    }

  private:
    const dealii::DoFHandler<dim>                 &dofs;
    const dealii::PETScWrappers::MPI::BlockVector &flow_solution;
    /// Flow-element evaluators for the quadratures seen so far.
    mutable std::unique_ptr<dealii::FEValues<dim>>     cell_values;
    mutable std::unique_ptr<dealii::FEFaceValues<dim>> face_values;
    /// Values by active cell index (volume) and by active cell index and
    /// face number (faces), at the points of the evaluators' quadratures
    /// (another quadrature replaces the evaluator and clears its cache).
    mutable std::vector<std::vector<dealii::Tensor<1, dim>>> cell_cache;
    mutable std::vector<std::vector<dealii::Tensor<1, dim>>> face_cache;
    boost::signals2::connection                              mesh_change;

    /// Makes the flow evaluator of @p fe_values' quadrature (clearing the
    /// cache of another one).
    void
    prepare_evaluator(const dealii::FEValuesBase<dim> &fe_values) const;

    /// Evaluates the flow element at the points of @p fe_values.
    void
    evaluate(const dealii::FEValuesBase<dim>     &fe_values,
             std::vector<dealii::Tensor<1, dim>> &values) const;
  };
} // namespace NOxFlow

#endif
