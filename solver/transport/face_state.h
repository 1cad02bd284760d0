#ifndef noxflow_solver_transport_face_state_h
#define noxflow_solver_transport_face_state_h

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>

#include <solver/transport/cell_state.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief What the boundary terms read on one boundary face of the cell of
   * a CellState: shape values, the solution's components and species
   * (interpolated from the cell's nodal speciation) and the normal velocity
   * at every face quadrature point. Scaled units as in CellState.
   */
  template <int dim>
  class FaceState
  {
  public:
    explicit FaceState(const CellState<dim> &cell_state);

    /// Evaluates on face @p face of the cell_state's current cell.
    void
    reinit(const unsigned int face);

    const CellState<dim> &cell;
    /// Gauss; with edge fluxes the face's vertices (trapezoidal rule): the
    /// boundary terms are then lumped at the nodes, as a consistent face
    /// mass would couple neighbours with the wrong sign and undo the
    /// M-matrix (an outlet or electrode-edge undershoot).
    const dealii::Quadrature<dim - 1> quadrature;
    const unsigned int                n_q;
    dealii::FEFaceValues<dim>         fe_face_values;
    dealii::types::boundary_id        boundary_id = 0;

    /// JxW (m^(dim-1)), and times the equation scale.
    std::vector<double> jxw_si, jxw;
    /// Shape value of every local DoF.
    std::vector<std::vector<double>> phi;
    /// Solution components and species c_s.
    std::vector<dealii::Vector<double>> values;
    std::vector<std::vector<double>>    c;
    /// Scaled outward normal velocity u.n / D_ref.
    std::vector<double> u_n;

    /// d c_s(x_q) / d (local DoF of unknown m at node b).
    double
    d_c(const unsigned int q,
        const unsigned int s,
        const unsigned int m,
        const unsigned int b) const
    {
      return dc[((q * cell.n_species + s) * cell.n_t + m) * cell.n_nodes + b];
    }

  private:
    /// Species and their derivatives at face point q, interpolated as in
    /// the cell (CellState).
    void
    interpolate_species(const unsigned int q);

    std::vector<double>                 phi_nodes;
    std::vector<dealii::Vector<double>> velocity;
    std::vector<double>                 dc;
  };
} // namespace NOxFlow

#endif
