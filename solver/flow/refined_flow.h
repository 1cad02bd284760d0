#ifndef noxflow_solver_flow_refined_flow_h
#define noxflow_solver_flow_refined_flow_h

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/vector.h>

#include <solver/flow/flow_solver.h>

#include <map>
#include <memory>
#include <string>

namespace NOxFlow
{
  /**
   * @brief A Taylor-Hood flow solution carried from the mesh it was solved
   * on to a transport mesh whose every cell is a cell of the flow mesh or a
   * descendant of one: the flow mesh refined uniformly ("Flow/Coarser mesh
   * levels") and/or adaptively ("Mesh adaptation").
   *
   * Why: Q2 velocity on a mesh has the node spacing of Q1 on its once
   * refined child, so the flow one level below the transport mesh resolves
   * what the Q1 transport can see, at 1/2^dim of the flow DoFs (and of the
   * memory of its direct or AMG solves, which dominate 3D runs); and an
   * adapted transport mesh keeps the flow of its uniform mesh instead of
   * solving it again at every adaptation. The transfer is exact: Q2/Q1 on
   * a cell is contained in Q2/Q1 on its descendants (the element's
   * prolongation matrices), so velocities, flow rates and the discrete
   * divergence are those of the flow solve, on any later mesh.
   *
   * Use: construct from the solver (copies its solution cell by cell onto
   * every rank, since the transport mesh may be partitioned differently),
   * drop the solver and its mesh, then copy_to() the transport mesh, again
   * after each adaptation.
   */
  template <int dim>
  class RefinedFlow
  {
  public:
    using BlockVector = dealii::PETScWrappers::MPI::BlockVector;

    explicit RefinedFlow(const FlowSolver<dim> &solver);

    /// Interpolates the flow onto a Q2/Q1 DoFHandler on @p transport_mesh;
    /// throws std::runtime_error if a locally owned cell is coarser than
    /// the flow mesh or not over it.
    void
    copy_to(
      const dealii::parallel::distributed::Triangulation<dim> &transport_mesh);

    /// On the transport mesh, after copy_to(); blocks as in FlowSolver.
    const dealii::DoFHandler<dim> &
    dof_handler() const
    {
      return target_dofs;
    }

    const BlockVector &
    solution() const
    {
      return target_solution;
    }

  private:
    /// The flow's DoF values on @p cell: those of its ancestor on the flow
    /// mesh, prolongated down; false if it has no such ancestor.
    bool
    values_on(
      const typename dealii::Triangulation<dim>::active_cell_iterator &cell,
      dealii::Vector<double> &values) const;

    /// The solver's Taylor-Hood element (a copy: blocks as in FlowSolver).
    std::unique_ptr<dealii::FiniteElement<dim>> fe;
    /// DoF values of every cell of the flow mesh, by CellId (as text).
    std::map<std::string, dealii::Vector<double>> flow_cells;
    dealii::DoFHandler<dim>                       target_dofs;
    BlockVector                                   target_solution;
  };
} // namespace NOxFlow

#endif
