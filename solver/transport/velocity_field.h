#ifndef noxflow_solver_transport_velocity_field_h
#define noxflow_solver_transport_velocity_field_h

#include <deal.II/base/function.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/vector.h>

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
   */
  template <int dim>
  class FiniteElementVelocityField : public VelocityField<dim>
  {
  public:
    FiniteElementVelocityField(
      const dealii::DoFHandler<dim>                 &dof_handler,
      const dealii::PETScWrappers::MPI::BlockVector &ghosted_solution);

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
    mutable std::vector<dealii::Tensor<1, dim>>        buffer;
  };
} // namespace NOxFlow

#endif
