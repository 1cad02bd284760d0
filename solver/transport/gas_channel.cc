#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/mapping_q1.h>

#include <solver/transport/gas_channel.h>
#include <solver/transport/nernst_planck_operator.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace NOxFlow
{
  using namespace dealii;

  template <int dim>
  GasChannel<dim>::GasChannel(const Discretization<dim>    &discretization,
                              const NernstPlanckModel<dim> &model)
    : discretization(discretization)
    , model(model)
  {
    const auto &gas = *model.gas;
    if (gas.feed.size() != gas.n_species())
      throw std::logic_error("GasChannel: one feed mole fraction per gas");
    std::map<types::global_dof_index, Point<dim>> points;
    DoFTools::map_dofs_to_support_points(MappingQ1<dim>(),
                                         discretization.dof_handler,
                                         points);
    std::vector<double> coordinates;
    for (unsigned int i = 0; i < gas.n_species(); ++i)
      {
        ComponentMask mask(model.n_components(), false);
        mask.set(model.gas_component(i), true);
        for (const auto dof : DoFTools::extract_boundary_dofs(
               discretization.dof_handler, mask, gas.channel_boundaries))
          if (discretization.owned_dofs.is_element(dof))
            {
              nodes.push_back({dof, i, 0});
              coordinates.push_back(gas.channel_sign *
                                    points.at(dof)[gas.channel_axis]);
            }
      }
    // Slices: the distinct coordinates along the channel over all ranks.
    std::vector<double> all;
    for (const auto &part :
         Utilities::MPI::all_gather(discretization.comm, coordinates))
      all.insert(all.end(), part.begin(), part.end());
    std::sort(all.begin(), all.end());
    const double extent =
      all.empty() ? 0. : std::max(std::abs(all.front()), std::abs(all.back()));
    std::vector<double> slices;
    for (const double c : all)
      if (slices.empty() || c - slices.back() > 1e-9 * extent)
        slices.push_back(c);
    n_slices = slices.size();
    for (unsigned int k = 0; k < nodes.size(); ++k)
      nodes[k].slice = std::lower_bound(slices.begin(),
                                        slices.end(),
                                        coordinates[k] - 1e-9 * extent) -
                       slices.begin();
  }

  template <int dim>
  double
  GasChannel<dim>::update(PETScWrappers::MPI::Vector &solution,
                          const std::vector<double>  &f_phi_s,
                          const double                relaxation) const
  {
    const auto        &gas = *model.gas;
    const unsigned int n_g = gas.n_species();
    // Uptake per node: the gas rows' residual on the held DoFs, mol/s.
    auto                      residual = discretization.owned_vector();
    NernstPlanckOperator<dim> op(discretization, model);
    AssemblyTargets           targets;
    targets.residual = &residual;
    op.assemble(discretization.ghosted(solution),
                f_phi_s,
                -1,
                discretization.hanging_constraints,
                targets);
    // Per slice and species: uptake, sum of mole fractions, nodes.
    std::vector<double> uptake(n_slices * n_g, 0.), x_sum(n_slices * n_g, 0.),
      count(n_slices * n_g, 0.);
    for (const auto &n : nodes)
      {
        const unsigned int k = n.slice * n_g + n.species;
        uptake[k] += residual(n.dof) * model.residual_to_molar_flux();
        x_sum[k] += solution(n.dof);
        count[k] += 1.;
      }
    Utilities::MPI::sum(uptake, discretization.comm, uptake);
    Utilities::MPI::sum(x_sum, discretization.comm, x_sum);
    Utilities::MPI::sum(count, discretization.comm, count);

    double carrier = 1.;
    for (const double f : gas.feed)
      carrier -= f;
    carrier *= gas.feed_flow;
    std::vector<double> flow(n_g), x_new(n_slices * n_g, 0.);
    for (unsigned int i = 0; i < n_g; ++i)
      flow[i] = gas.feed_flow * gas.feed[i];
    for (unsigned int s = 0; s < n_slices; ++s)
      {
        // Transported gas leaving the slice, at the last uptake.
        double leaving = 0.;
        for (unsigned int i = 0; i < n_g; ++i)
          leaving += std::max(flow[i] - uptake[s * n_g + i], 0.);
        for (unsigned int i = 0; i < n_g; ++i)
          {
            const unsigned int k     = s * n_g + i;
            const double       x_old = count[k] > 0. ? x_sum[k] / count[k] : 0.;
            double             x;
            if (uptake[k] > 0. && x_old > 0.)
              {
                // Linear in x at fixed alpha: the slice never takes more
                // than enters it.
                const double alpha = uptake[k] / x_old;
                x                  = flow[i] / (carrier + leaving + alpha);
                flow[i] -= alpha * x;
              }
            else
              {
                // The slice gives gas to the channel (or takes none).
                flow[i] -= uptake[k];
                x = std::max(flow[i], 0.) / (carrier + leaving);
              }
            x_new[k] = x;
          }
      }
    outlet = flow;

    double change = 0.;
    for (const auto &n : nodes)
      {
        const double x_old = solution(n.dof);
        const double x =
          x_old + relaxation * (x_new[n.slice * n_g + n.species] - x_old);
        change          = std::max(change, std::abs(x - x_old));
        solution(n.dof) = x;
      }
    solution.compress(VectorOperation::insert);
    return Utilities::MPI::max(change, discretization.comm);
  }

  template class GasChannel<2>;
  template class GasChannel<3>;
} // namespace NOxFlow
