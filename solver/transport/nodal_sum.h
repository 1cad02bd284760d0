#ifndef noxflow_solver_transport_nodal_sum_h
#define noxflow_solver_transport_nodal_sum_h

#include <deal.II/base/mpi.h>
#include <deal.II/base/point.h>

#include <boost/serialization/vector.hpp>

#include <cmath>
#include <map>
#include <vector>

namespace NOxFlow
{
  /**
   * @brief A sum collected at a mesh node from the cells (and ranks) that
   * share it: e.g. a current and the lumped volume or face measure it came
   * from, whose ratio is the node's density.
   */
  template <int dim>
  struct NodalSum
  {
    dealii::Point<dim> location;
    double             value  = 0.;
    double             weight = 0.;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &location &value &weight;
    }
  };

  /// The entries summed per node (coordinates equal to 1e-9 of @p length),
  /// sorted by coordinate.
  template <int dim>
  std::vector<NodalSum<dim>>
  sum_at_nodes(const std::vector<NodalSum<dim>> &entries, const double length)
  {
    std::map<std::vector<long long>, NodalSum<dim>> merged;
    for (const auto &entry : entries)
      {
        std::vector<long long> key(dim);
        for (unsigned int d = 0; d < dim; ++d)
          key[d] = std::llround(entry.location[d] / length * 1e9);
        auto [it, inserted] = merged.emplace(key, entry);
        if (!inserted)
          {
            it->second.value += entry.value;
            it->second.weight += entry.weight;
          }
      }
    std::vector<NodalSum<dim>> result;
    for (const auto &[key, entry] : merged)
      result.push_back(entry);
    return result;
  }

  /// The same over the entries of every rank (nodes on a partition
  /// boundary come from several), on every rank; summed on each rank first
  /// so that little is sent.
  template <int dim>
  std::vector<NodalSum<dim>>
  sum_at_nodes(const std::vector<NodalSum<dim>> &local,
               const double                      length,
               const MPI_Comm                    comm)
  {
    std::vector<NodalSum<dim>> all;
    for (const auto &part :
         dealii::Utilities::MPI::all_gather(comm, sum_at_nodes(local, length)))
      all.insert(all.end(), part.begin(), part.end());
    return sum_at_nodes(all, length);
  }
} // namespace NOxFlow

#endif
