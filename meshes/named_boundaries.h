#ifndef noxflow_meshes_named_boundaries_h
#define noxflow_meshes_named_boundaries_h

#include <deal.II/base/types.h>

#include <meshes/named_ids.h>

namespace NOxFlow::Meshes
{
  struct BoundaryNouns
  {
    static constexpr const char *singular = "boundary";
    static constexpr const char *plural   = "boundaries";
  };

  /// The names a geometry gives its boundaries (boundary ids).
  using NamedBoundaries = NamedIds<dealii::types::boundary_id, BoundaryNouns>;
} // namespace NOxFlow::Meshes

#endif
