#ifndef noxflow_solver_flow_refined_flow_h
#define noxflow_solver_flow_refined_flow_h

#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/petsc_block_vector.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/flow/flow_solver.h>

#include <memory>

namespace NOxFlow
{
  /**
   * @brief A Taylor-Hood flow solution carried from the mesh it was solved
   * on to the transport mesh, which is the same coarse mesh with more
   * uniform refinements ("Flow/Coarser mesh levels").
   *
   * Why: Q2 velocity on a mesh has the node spacing of Q1 on its once
   * refined child, so the flow one level below the transport mesh resolves
   * what the Q1 transport can see, at 1/2^dim of the flow DoFs (and of the
   * memory of its direct or AMG solves, which dominate 3D runs). The
   * transfer is exact: Q2/Q1 on a mesh is contained in Q2/Q1 on its
   * uniform refinement, so velocities, flow rates and the discrete
   * divergence are those of the coarse solve.
   *
   * Use: construct from the solver (copies its solution), drop the solver,
   * refine() the flow mesh, then copy_to() the transport mesh.
   */
  template <int dim>
  class RefinedFlow
  {
  public:
    using BlockVector = dealii::PETScWrappers::MPI::BlockVector;

    /// Copies @p solver's solution onto a DoFHandler of its own (on the
    /// solver's mesh), so the solver and its matrices can be freed.
    explicit RefinedFlow(const FlowSolver<dim> &solver);

    /// Refines @p flow_mesh (the solver's) uniformly @p levels times,
    /// interpolating the solution at each level.
    void
    refine(dealii::parallel::distributed::Triangulation<dim> &flow_mesh,
           const unsigned int                                 levels);

    /// Copies the (refined) solution cell by cell onto a Q2/Q1 DoFHandler
    /// on @p transport_mesh, which must have the same cells (CellId) and
    /// partition; throws std::runtime_error if a cell is missing.
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
    void
    reinit_vectors();

    /// The solver's Taylor-Hood element (a copy: blocks as in FlowSolver).
    std::unique_ptr<dealii::FiniteElement<dim>> fe;
    /// On the flow mesh; released by copy_to(), before that mesh goes.
    std::unique_ptr<dealii::DoFHandler<dim>> flow_dofs;
    dealii::PETScWrappers::MPI::Vector       owned, ghosted;
    dealii::DoFHandler<dim>                  target_dofs;
    BlockVector                              target_solution;
  };
} // namespace NOxFlow

#endif
