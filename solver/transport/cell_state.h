#ifndef noxflow_solver_transport_cell_state_h
#define noxflow_solver_transport_cell_state_h

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/tensor.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/vector.h>

#include <solver/transport/nernst_planck_model.h>
#include <solver/transport/nodal_species.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief Everything the transport terms read on one cell: shape functions
   * by node, the solution's species (speciated at the nodes, interpolated
   * linearly or, with NernstPlanckModel::logarithmic_species, as exp of the
   * Q1 interpolant of ln c) with their derivatives by the local unknowns,
   * the potential, the flow and the SUPG parameters, at every quadrature
   * point. Filled once per cell by reinit() and shared by all terms of the
   * cell; the terms never interpolate species themselves.
   *
   * Units are the scaled ones of the operator: c / c_ref, psi = F phi_l /
   * RT, D / D_ref, u / D_ref (1/m).
   */
  template <int dim>
  class CellState
  {
  public:
    using cell_iterator =
      typename dealii::DoFHandler<dim>::active_cell_iterator;

    CellState(const NernstPlanckModel<dim>     &model,
              const dealii::FiniteElement<dim> &fe);

    /// Evaluates the ghosted @p solution on @p cell; without
    /// @p point_species, all but the species, psi and their gradients and
    /// derivatives, and tau at the quadrature points.
    void
    reinit(const cell_iterator                      &cell,
           const dealii::PETScWrappers::MPI::Vector &solution,
           const bool                                point_species = true);

    /// d c_s(x_q) / d (local DoF of unknown m at node b).
    double
    d_c(const unsigned int q,
        const unsigned int s,
        const unsigned int m,
        const unsigned int b) const
    {
      return dc[index(q, s, m, b)];
    }

    /// d grad c_s(x_q) / d (local DoF of unknown m at node b); not
    /// computed with edge fluxes (no term there needs it).
    const dealii::Tensor<1, dim> &
    d_grad_c(const unsigned int q,
             const unsigned int s,
             const unsigned int m,
             const unsigned int b) const
    {
      Assert(!model.edge_fluxes, dealii::ExcInternalError());
      return dgc[index(q, s, m, b)];
    }

    /// SUPG test function of species @p s at point q and node a,
    /// tau_s u.grad phi_a (zero without stabilisation).
    double
    supg_test(const unsigned int q,
              const unsigned int s,
              const unsigned int a) const
    {
      return tau[q][s] * u_grad_phi[q][a];
    }

    /**
     * The species at a point of this cell with node shape values @p phi_x
     * (and gradients @p grad_phi_x, or null), interpolated as everywhere in
     * the cell: c_x, grad_c_x (if not null) and the derivatives by the
     * local unknowns, d_c_x[(s n_t + m) n_nodes + b] and d_grad_c_x (if not
     * null). FaceState uses it on faces.
     */
    void
    species_at(const std::vector<double>                 &phi_x,
               const std::vector<dealii::Tensor<1, dim>> *grad_phi_x,
               std::vector<double>                       &c_x,
               std::vector<dealii::Tensor<1, dim>>       *grad_c_x,
               double                                    *d_c_x,
               dealii::Tensor<1, dim>                    *d_grad_c_x) const;

    const NernstPlanckModel<dim>     &model;
    const dealii::FiniteElement<dim> &fe;
    const dealii::QGauss<dim>         quadrature;

    const unsigned int n_species, n_t, n_nodes, n_q, dofs_per_cell;
    /// Component of each local DoF; local DoF of (component, node).
    std::vector<unsigned int>              component;
    std::vector<unsigned int>              node_of;
    std::vector<std::vector<unsigned int>> node_dof;
    /// Charge and scaled molecular diffusivity of each species, and the
    /// charge as migration sees it (z times the electrolyte's migration
    /// factor: z unless the concentrated-solution correction is on).
    std::vector<double> z, d, z_drift;

    // Per cell.
    cell_iterator                                cell;
    dealii::types::material_id                   material = 0;
    dealii::FEValues<dim>                        fe_values;
    dealii::Vector<double>                       cell_values;
    std::vector<dealii::types::global_dof_index> dof_indices;
    NodalSpecies<dim>                            nodal;
    /// Scaled effective diffusivities in this region.
    std::vector<double> d_eff;
    /// int phi_a dx (m^dim) of each node.
    std::vector<double> lumped_mass;
    /**
     * The scaled velocity at reference point @p xi of the multilinear field
     * through the 2^dim Gauss-point velocities (exact for a multilinear
     * velocity). The edge fluxes carry it at the centre of each edge's
     * share of the cell, which is the mean over the edge's dual face: a
     * quarter of the velocity next to a no-slip wall, where the cell's mean
     * would be twice the true one.
     */
    dealii::Tensor<1, dim>
    fitted_u(const dealii::Point<dim> &xi) const;

    /// Reference coordinates of point @p x of this (box) cell.
    dealii::Point<dim>
    reference_point(const dealii::Point<dim> &x) const;

    // Per quadrature point q.
    /// JxW (m^dim), and JxW times the equation scale.
    std::vector<double> jxw_si, jxw;
    /// phi_a, grad phi_a, u.grad phi_a by node a.
    std::vector<std::vector<double>>                 phi, u_grad_phi;
    std::vector<std::vector<dealii::Tensor<1, dim>>> grad_phi;
    /// Scaled velocity u / D_ref.
    std::vector<dealii::Tensor<1, dim>> u;
    /// Species c_s and grad c_s; psi and grad psi.
    std::vector<std::vector<double>>                 c;
    std::vector<std::vector<dealii::Tensor<1, dim>>> grad_c;
    std::vector<double>                              psi;
    std::vector<dealii::Tensor<1, dim>>              grad_psi;
    /// SUPG parameter of each species (0 without stabilisation or flow).
    std::vector<std::vector<double>> tau;

  private:
    unsigned int
    index(const unsigned int q,
          const unsigned int s,
          const unsigned int m,
          const unsigned int b) const
    {
      return ((q * n_species + s) * n_t + m) * n_nodes + b;
    }

    /// Species and their derivatives at point q, linear or logarithmic.
    void
    interpolate_species(const unsigned int q);

    std::vector<dealii::Vector<double>> velocity;
    /// d c / d u and d grad c / d u per (q, s, m, b).
    std::vector<double>                 dc;
    std::vector<dealii::Tensor<1, dim>> dgc;
    /// ln c_s at the nodes (logarithmic interpolation).
    std::vector<std::vector<double>> log_c;
  };
} // namespace NOxFlow

#endif
