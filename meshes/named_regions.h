#ifndef noxflow_meshes_named_regions_h
#define noxflow_meshes_named_regions_h

#include <deal.II/base/types.h>

#include <meshes/named_ids.h>

namespace NOxFlow::Meshes
{
  struct RegionNouns
  {
    static constexpr const char *singular = "region";
    static constexpr const char *plural   = "regions";
  };

  /// The names a geometry gives its cell regions (material ids), e.g.
  /// "catholyte", "gdl", "membrane".
  using NamedRegions = NamedIds<dealii::types::material_id, RegionNouns>;
} // namespace NOxFlow::Meshes

#endif
