#ifndef noxflow_meshes_layer_stack_h
#define noxflow_meshes_layer_stack_h

#include <meshes/mesh_names.h>

#include <functional>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
  template <int dim, int spacedim>
  class Triangulation;
} // namespace dealii

namespace NOxFlow::Meshes
{
  /**
   * @brief One slab of a tensor-product layout along one axis: a layer of a
   * through-plane stack (y) or a section along the flow (x). Its parameters
   * live in a subsection of their own, e.g. "Catholyte" with "Thickness",
   * "Cells" and "Grading".
   */
  struct Slab
  {
    /// Region name of a layer, or the name of a section (used by the
    /// builders to name regions and boundaries).
    std::string name;
    /// Parameter subsection, e.g. "Catholyte".
    std::string subsection;
    /// "Thickness" (layers) or "Length" (sections).
    std::string length_entry;
    /// Extent along the axis, m.
    double length = 0.;
    /// Coarse cells across the slab.
    unsigned int cells = 1;
    /// Largest/smallest cell; cells shrink geometrically toward the ends
    /// flagged by @p fine_at_start and @p fine_at_end.
    double grading       = 1.;
    bool   fine_at_start = true;
    bool   fine_at_end   = true;
    /// An optional slab may be 0 m thick; it is then left out (and its
    /// cell count ignored).
    bool optional = false;
    /// What the slab is, for the parameter documentation.
    std::string description;
    /// Where the cells shrink, for the documentation of "Grading".
    std::string fine_toward;

    bool
    present() const
    {
      return length > 0.;
    }

    /// Cell sizes across the slab (graded_steps()).
    std::vector<double>
    steps() const;

    /// Declares the entries in subsection @p subsection, with the current
    /// values as defaults.
    void
    declare(dealii::ParameterHandler &prm) const;

    void
    parse(dealii::ParameterHandler &prm);

    /// Throws an InputError naming "<prefix>/<subsection>/<entry>", the
    /// value and the fix for a non-positive thickness of a required slab, a
    /// negative one, zero cells or a grading below 1.
    void
    check(const std::string &prefix) const;
  };

  /// A required layer along y (entry "Thickness"), graded toward both faces.
  Slab
  make_layer(const std::string &region,
             const std::string &subsection,
             const double       thickness,
             const unsigned int cells,
             const double       grading,
             const std::string &description);

  /// A required section along x (entry "Length"), graded toward both ends.
  Slab
  make_section(const std::string &name,
               const std::string &subsection,
               const double       length,
               const unsigned int cells,
               const double       grading,
               const std::string &description);

  /**
   * @brief The extrusion of a 2D section along z in 3D: "Width" (m) and
   * "Cells width", uniform.
   */
  struct Extrusion
  {
    double       width = 1e-2;
    unsigned int cells = 4;

    void
    declare(dealii::ParameterHandler &prm) const;

    void
    parse(dealii::ParameterHandler &prm);

    void
    check(const std::string &prefix) const;
  };

  /// The side of a block a boundary face lies on (outward normal).
  enum class Side
  {
    x_min,
    x_max,
    y_min,
    y_max,
    z_min,
    z_max
  };

  /**
   * @brief The generic builder beneath the cell architectures: sections
   * along x times layers along y (times the extrusion along z in 3D), each
   * block (section, layer) a region or a void, each boundary face named
   * after its block and side.
   *
   * The mesh is one GridGenerator::subdivided_hyper_rectangle() with the
   * slabs' graded steps (a coarse mesh that parallel::distributed accepts),
   * from the origin: x = 0 at the start of the first section, y = 0 at the
   * bottom of the lowest present layer, z = 0 at one side wall. Slabs of 0
   * thickness (optional ones) are left out.
   */
  struct LayerStack
  {
    /// The builder's subsection of "Geometry", e.g. "GDL flow cell".
    std::string       name;
    std::vector<Slab> sections;
    /// Bottom to top.
    std::vector<Slab> layers;
    Extrusion         extrusion;

    /// Region of block (section, layer); "" leaves the block empty (a
    /// void, whose sides are boundaries).
    using RegionOf =
      std::function<std::string(const Slab &section, const Slab &layer)>;
    /// Name of a boundary face of block (section, layer) on @p side.
    using BoundaryOf = std::function<
      std::string(const Slab &section, const Slab &layer, const Side side)>;

    /// Declares subsection @p name with every slab and the extrusion, the
    /// current values as defaults.
    void
    declare(dealii::ParameterHandler &prm) const;

    /// Checks every slab and the extrusion (Slab::check()) under
    /// "Geometry/<name>".
    void
    check() const;

    /**
     * @brief Builds the coarse mesh into @p tria and returns its names:
     * regions numbered bottom to top as they first occur, boundaries in the
     * order they first occur.
     */
    template <int dim>
    MeshNames
    create(dealii::Triangulation<dim, dim> &tria,
           const RegionOf                  &region_of,
           const BoundaryOf                &boundary_of) const;
  };
} // namespace NOxFlow::Meshes

#endif
