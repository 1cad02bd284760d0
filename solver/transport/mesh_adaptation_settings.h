#ifndef noxflow_solver_transport_mesh_adaptation_settings_h
#define noxflow_solver_transport_mesh_adaptation_settings_h

#include <string>

namespace dealii
{
  class ParameterHandler;
}

namespace NOxFlow
{
  /**
   * @brief The "Mesh adaptation" subsection of a case file: how often and
   * how far the transport mesh is refined and coarsened at the targets.
   */
  struct MeshAdaptationSettings
  {
    /// Refine-coarsen-resolve cycles at every target; 0 keeps the uniform
    /// mesh of Geometry/Global refinements.
    unsigned int cycles_per_target = 0;
    /// "kelly" (refine and coarsen by Kelly's indicator) or "electrode
    /// layers" (refine every cell within electrode_layer_thickness of an
    /// electrode, once per cycle up to maximum_levels).
    std::string indicator = "electrode layers";
    /// m.
    double electrode_layer_thickness = 1e-4;
    /// Fractions of the cells (largest, smallest indicator) refined and
    /// coarsened per cycle.
    double refine_fraction  = 0.3;
    double coarsen_fraction = 0.1;
    /// Finest level, counted from the uniform mesh (which is also the
    /// coarsest: the flow lives there).
    unsigned int maximum_levels = 2;
    /// Active cells the mesh may reach (0: no limit).
    unsigned int maximum_cells = 0;

    bool
    enabled() const
    {
      return cycles_per_target > 0;
    }

    /// Declares the entries of subsection "Mesh adaptation" (the caller
    /// enters it).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Throws an InputError naming the parameter for inconsistent values.
    void
    check() const;
  };
} // namespace NOxFlow

#endif
