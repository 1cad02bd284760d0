#ifndef noxflow_meshes_channel_h
#define noxflow_meshes_channel_h

#include <meshes/named_boundaries.h>

namespace dealii
{
  class ParameterHandler;
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii

namespace NOxFlow::Meshes
{
  /**
   * @brief A parallel-plate channel along x: an inert inlet section, the
   * electrode section (cathode on the wall y = 0, anode on y = height) and an
   * inert outlet section; in 3D extruded over a width along z.
   *
   * Boundaries: inlet, outlet, cathode, anode, wall (inert parts of the
   * plates and, in 3D, the side walls z = 0 and z = width).
   */
  struct ChannelGeometry
  {
    double inlet_length     = 2e-3;
    double electrode_length = 1e-2;
    double outlet_length    = 2e-3;
    double height           = 2e-3;
    double width            = 2e-3;

    unsigned int cells_inlet     = 8;
    unsigned int cells_electrode = 40;
    unsigned int cells_outlet    = 8;
    unsigned int cells_height    = 24;
    unsigned int cells_width     = 4;

    /// Ratio of the largest to the smallest cell across the height (cells
    /// shrink geometrically toward both plates).
    double wall_grading = 1.;
    /// Ratio of the largest to the smallest cell along the electrode (cells
    /// shrink toward both electrode edges).
    double edge_grading = 1.;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /// Cell regions by name (material ids): the whole gap is "channel".
    static std::map<std::string, unsigned int>
    regions()
    {
      return {{"channel", 0}};
    }

    /// Builds the coarse mesh into @p tria and returns its boundary names.
    template <int dim>
    NamedBoundaries
    create(dealii::Triangulation<dim, dim> &tria) const;
  };

  /**
   * @brief Step sizes of @p n cells over @p length whose sizes change
   * geometrically by the factor @p ratio (largest/smallest) from the ends
   * (@p at_start, @p at_end) to the middle.
   */
  std::vector<double>
  graded_steps(const double       length,
               const unsigned int n,
               const double       ratio,
               const bool         at_start,
               const bool         at_end);
} // namespace NOxFlow::Meshes

#endif
