#ifndef noxflow_solver_transport_local_system_h
#define noxflow_solver_transport_local_system_h

#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief What the terms of one cell add to: the local residual and
   * Jacobian, and for galvanostatic control the derivatives by the working
   * electrode's potential and the working electrode's current.
   */
  struct LocalSystem
  {
    LocalSystem(const unsigned int         dofs_per_cell,
                const bool                 with_matrix,
                const std::vector<double> &f_electrode_potentials,
                const int                  working_electrode)
      : matrix(dofs_per_cell, dofs_per_cell)
      , residual(dofs_per_cell)
      , d_potential(dofs_per_cell)
      , d_current(dofs_per_cell)
      , with_matrix(with_matrix)
      , f_electrode_potentials(f_electrode_potentials)
      , working_electrode(working_electrode)
    {}

    /// Zeroes the local matrix and vectors (not the current).
    void
    clear()
    {
      matrix      = 0.;
      residual    = 0.;
      d_potential = 0.;
      d_current   = 0.;
    }

    bool
    is_working(const unsigned int electrode) const
    {
      return static_cast<int>(electrode) == working_electrode;
    }

    dealii::FullMatrix<double> matrix;
    dealii::Vector<double>     residual;
    /// d residual / d (F phi_s / RT) of the working electrode.
    dealii::Vector<double> d_potential;
    /// d I_working / d (local DoFs), A per unit change.
    dealii::Vector<double> d_current;
    /// Working electrode current (A; A/m in 2D) and d I / d (F phi_s/RT),
    /// summed over the cells of this rank.
    double current               = 0.;
    double d_current_d_potential = 0.;

    const bool with_matrix;
    /// F phi_s / RT of every electrode.
    const std::vector<double> &f_electrode_potentials;
    const int                  working_electrode;
  };
} // namespace NOxFlow

#endif
