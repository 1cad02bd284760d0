#ifndef noxflow_solver_transport_gas_channel_h
#define noxflow_solver_transport_gas_channel_h

#include <deal.II/base/types.h>
#include <deal.II/lac/petsc_vector.h>

#include <solver/transport/discretization.h>
#include <solver/transport/nernst_planck_model.h>

#include <vector>

namespace NOxFlow
{
  /**
   * @brief The gas channel of a gas-diffusion electrode fed at a finite
   * rate (GasPhase::feed_flow): plug flow along the feed boundaries, whose
   * composition falls by what the electrode takes up upstream.
   *
   * The feed boundary's nodes are sliced by their coordinate along the
   * channel. Each slice takes up q_i = alpha_i x_i of gas i (alpha_i from
   * the last solve's uptake, the residual on the held DoFs, over its
   * mole fraction); with alpha fixed, the slice's composition is that of
   * the gas leaving it, x_i = G_i / (F_carrier + sum_j G_j,out + alpha_i)
   * (G_i: molar flow of i entering the slice), so flows and fractions stay
   * >= 0 and the uptake never exceeds the feed. Where the uptake is linear
   * in x (a dissolution- or diffusion-limited electrode) one update is
   * exact; the caller solves again until the compositions settle. Gas
   * diffusing along the GDL between slices couples neighbouring uptakes
   * with opposite signs; updates that oscillate are relaxed.
   */
  template <int dim>
  class GasChannel
  {
  public:
    GasChannel(const Discretization<dim>    &discretization,
               const NernstPlanckModel<dim> &model);

    /// Recomputes the channel compositions from the uptake at @p solution
    /// (owned, with the compositions on the held DoFs; electrode
    /// potentials @p f_phi_s as F phi / RT) and moves the held values the
    /// fraction @p relaxation toward them; returns the largest change of a
    /// mole fraction.
    double
    update(dealii::PETScWrappers::MPI::Vector &solution,
           const std::vector<double>          &f_phi_s,
           const double                        relaxation = 1.) const;

    /// Molar flows leaving the channel, per gas species (mol/s; per metre
    /// of depth in 2D), after the last update.
    const std::vector<double> &
    outlet_flow() const
    {
      return outlet;
    }

  private:
    const Discretization<dim>    &discretization;
    const NernstPlanckModel<dim> &model;
    /// Owned held DoFs of the channel: DoF, gas species, slice.
    struct Node
    {
      dealii::types::global_dof_index dof;
      unsigned int                    species;
      unsigned int                    slice;
    };
    std::vector<Node>           nodes;
    unsigned int                n_slices = 0;
    mutable std::vector<double> outlet;
  };
} // namespace NOxFlow

#endif
