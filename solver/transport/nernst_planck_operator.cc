#include <deal.II/base/mpi.h>

#include <solver/transport/cell_state.h>
#include <solver/transport/face_state.h>
#include <solver/transport/local_system.h>
#include <solver/transport/local_to_global.h>
#include <solver/transport/nernst_planck_operator.h>
#include <solver/transport/terms/boundary_source_term.h>
#include <solver/transport/terms/edge_flux_term.h>
#include <solver/transport/terms/electrode_surface_term.h>
#include <solver/transport/terms/gas_diffusion_term.h>
#include <solver/transport/terms/gas_liquid_exchange_term.h>
#include <solver/transport/terms/gas_volume_source_term.h>
#include <solver/transport/terms/homogeneous_kinetics_term.h>
#include <solver/transport/terms/outflow_term.h>
#include <solver/transport/terms/porous_electrode_term.h>
#include <solver/transport/terms/solid_conduction_term.h>
#include <solver/transport/terms/species_flux_term.h>
#include <solver/transport/terms/supg_term.h>
#include <solver/transport/terms/volume_source_term.h>
#include <solver/transport/transport_rows.h>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  NernstPlanckOperator<dim>::NernstPlanckOperator(
    const Discretization<dim>    &discretization,
    const NernstPlanckModel<dim> &model,
    const Rows                    row_kind)
    : discretization(discretization)
    , model(model)
    , rows(std::make_unique<TransportRows<dim>>(discretization,
                                                model,
                                                row_kind ==
                                                  Rows::kinetic_invariants))
    , local_to_global(std::make_unique<LocalToGlobal<dim>>(discretization))
  {
    // Every term decides where it acts (acts_in / acts_on), at assembly
    // time: a model may gain its flow or sources after construction.
    cell_terms.push_back(std::make_unique<SpeciesFluxTerm<dim>>(model, *rows));
    cell_terms.push_back(std::make_unique<EdgeFluxTerm<dim>>(model, *rows));
    cell_terms.push_back(std::make_unique<SupgTerm<dim>>(model, *rows));
    cell_terms.push_back(std::make_unique<VolumeSourceTerm<dim>>(model, *rows));
    cell_terms.push_back(
      std::make_unique<HomogeneousKineticsTerm<dim>>(model, *rows));
    cell_terms.push_back(
      std::make_unique<PorousElectrodeTerm<dim>>(model, *rows));
    cell_terms.push_back(
      std::make_unique<SolidConductionTerm<dim>>(model, *rows));
    cell_terms.push_back(std::make_unique<GasDiffusionTerm<dim>>(model, *rows));
    cell_terms.push_back(
      std::make_unique<GasLiquidExchangeTerm<dim>>(model, *rows));
    cell_terms.push_back(
      std::make_unique<GasVolumeSourceTerm<dim>>(model, *rows));
    face_terms.push_back(std::make_unique<OutflowTerm<dim>>(model, *rows));
    face_terms.push_back(
      std::make_unique<ElectrodeSurfaceTerm<dim>>(model, *rows));
    face_terms.push_back(
      std::make_unique<BoundarySourceTerm<dim>>(model, *rows));
  }

  template <int dim>
  NernstPlanckOperator<dim>::~NernstPlanckOperator() = default;

  template <int dim>
  void
  NernstPlanckOperator<dim>::set_row_scale(
    const PETScWrappers::MPI::Vector &solution)
  {
    rows->set_row_scale(solution);
  }

  template <int dim>
  void
  NernstPlanckOperator<dim>::assemble(
    const PETScWrappers::MPI::Vector &solution,
    const std::vector<double>        &f_phi_s,
    const int                         working_electrode,
    const AffineConstraints<double>  &constraints,
    AssemblyTargets                  &targets) const
  {
    const bool with_matrix = targets.jacobian != nullptr;
    if (with_matrix)
      *targets.jacobian = 0.;
    for (auto *v : {targets.residual,
                    targets.d_residual_d_potential,
                    targets.d_current_d_solution})
      if (v)
        *v = 0.;

    CellState<dim> state(model, *discretization.fe);
    // The solution is fixed for this pass over the cells.
    state.nodal.remember_nodes();
    FaceState<dim>                     face_state(state);
    LocalSystem                        local(state.dofs_per_cell,
                      with_matrix,
                      f_phi_s,
                      working_electrode);
    std::vector<const CellTerm<dim> *> acting_in_cell;
    std::vector<const FaceTerm<dim> *> acting;
    // The Jacobian's arrays go back to PETSc however the pass ends (a
    // throwing term too).
    struct PassEnd
    {
      LocalToGlobal<dim> &local_to_global;
      ~PassEnd()
      {
        local_to_global.finish(false);
      }
    } pass_end{*local_to_global};
    local_to_global->start(targets);
    for (const auto &cell : discretization.dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        acting_in_cell.clear();
        bool point_species = false;
        for (const auto &term : cell_terms)
          if (term->acts_in(cell->material_id()))
            {
              acting_in_cell.push_back(term.get());
              point_species |= term->reads_point_species();
            }
        state.reinit(cell, solution, point_species);
        local.clear();
        for (const auto *term : acting_in_cell)
          term->add(state, local);
        for (const unsigned int f : cell->face_indices())
          if (cell->at_boundary(f))
            {
              acting.clear();
              for (const auto &term : face_terms)
                if (term->acts_on(cell->face(f)->boundary_id()))
                  acting.push_back(term.get());
              if (acting.empty())
                continue;
              face_state.reinit(f);
              for (const auto *term : acting)
                term->add(face_state, local);
            }

        local_to_global->add(cell->active_cell_index(),
                             state.dof_indices,
                             local,
                             constraints,
                             targets);
      }
    local_to_global->finish();

    if (with_matrix)
      targets.jacobian->compress(VectorOperation::add);
    for (auto *v : {targets.residual,
                    targets.d_residual_d_potential,
                    targets.d_current_d_solution})
      if (v)
        v->compress(VectorOperation::add);
    rows->scale(with_matrix ? targets.jacobian : nullptr,
                {targets.residual, targets.d_residual_d_potential});
    targets.current = Utilities::MPI::sum(local.current, discretization.comm);
    targets.d_current_d_potential =
      Utilities::MPI::sum(local.d_current_d_potential, discretization.comm);
  }

  template class NernstPlanckOperator<2>;
  template class NernstPlanckOperator<3>;
} // namespace NOxFlow
