#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/table.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <meshes/channel.h>
#include <meshes/layer_stack.h>
#include <physics/input_error.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  namespace
  {
    std::string
    number(const double value)
    {
      std::ostringstream s;
      s << std::setprecision(15) << value;
      return s.str();
    }

    std::string
    lower_case(std::string text)
    {
      std::transform(text.begin(), text.end(), text.begin(), [](char c) {
        return static_cast<char>(std::tolower(c));
      });
      return text;
    }
  } // namespace

  Slab
  make_layer(const std::string &region,
             const std::string &subsection,
             const double       thickness,
             const unsigned int cells,
             const double       grading,
             const std::string &description)
  {
    Slab s;
    s.name         = region;
    s.subsection   = subsection;
    s.length_entry = "Thickness";
    s.length       = thickness;
    s.cells        = cells;
    s.grading      = grading;
    s.description  = description;
    s.fine_toward  = "both faces";
    return s;
  }

  Slab
  make_section(const std::string &name,
               const std::string &subsection,
               const double       length,
               const unsigned int cells,
               const double       grading,
               const std::string &description)
  {
    Slab s = make_layer(name, subsection, length, cells, grading, description);
    s.length_entry = "Length";
    s.fine_toward  = "both ends";
    return s;
  }

  std::vector<double>
  Slab::steps() const
  {
    return graded_steps(length, cells, grading, fine_at_start, fine_at_end);
  }

  void
  Slab::declare(ParameterHandler &prm) const
  {
    prm.enter_subsection(subsection);
    prm.declare_entry(length_entry,
                      number(length),
                      Patterns::Double(),
                      description + ". " + length_entry + " in m, " +
                        (optional ? ">= 0 (0 leaves it out)." : "> 0."));
    prm.declare_entry("Cells",
                      std::to_string(cells),
                      Patterns::Integer(0),
                      "Coarse cells across it (>= 1).");
    prm.declare_entry("Grading",
                      number(grading),
                      Patterns::Double(1.),
                      "Largest/smallest cell (1: uniform); cells shrink "
                      "geometrically toward " +
                        fine_toward + ".");
    prm.leave_subsection();
  }

  void
  Slab::parse(ParameterHandler &prm)
  {
    prm.enter_subsection(subsection);
    length  = prm.get_double(length_entry);
    cells   = prm.get_integer("Cells");
    grading = prm.get_double("Grading");
    prm.leave_subsection();
  }

  void
  Slab::check(const std::string &prefix) const
  {
    const std::string path = prefix + "/" + subsection + "/";
    const std::string what = lower_case(subsection);
    if (!std::isfinite(length) || length < 0. || (!optional && length == 0.))
      throw_input_error(path + length_entry,
                        length,
                        "the " + what + " must be " +
                          (optional ? "0 m (left out) or thicker" :
                                      "thicker than 0 m") +
                          "; give its " + lower_case(length_entry) + " in m.");
    if (!present())
      return;
    if (cells == 0)
      throw_input_error(path + "Cells",
                        cells,
                        "give the " + what + " at least 1 cell.");
    if (!(grading >= 1.) || !std::isfinite(grading))
      throw_input_error(path + "Grading",
                        grading,
                        "the grading is the largest/smallest cell, >= 1 (1 "
                        "for uniform cells).");
  }

  void
  Extrusion::declare(ParameterHandler &prm) const
  {
    prm.declare_entry("Width",
                      number(width),
                      Patterns::Double(),
                      "Extent along z in 3D, m (> 0).");
    prm.declare_entry("Cells width",
                      std::to_string(cells),
                      Patterns::Integer(0),
                      "Coarse cells along z in 3D (>= 1).");
  }

  void
  Extrusion::parse(ParameterHandler &prm)
  {
    width = prm.get_double("Width");
    cells = prm.get_integer("Cells width");
  }

  void
  Extrusion::check(const std::string &prefix) const
  {
    if (!(width > 0.) || !std::isfinite(width))
      throw_input_error(prefix + "/Width",
                        width,
                        "the width along z must be > 0 m.");
    if (cells == 0)
      throw_input_error(prefix + "/Cells width",
                        cells,
                        "give at least 1 cell along z.");
  }

  void
  LayerStack::declare(ParameterHandler &prm) const
  {
    prm.enter_subsection(name);
    for (const auto &s : sections)
      s.declare(prm);
    for (const auto &l : layers)
      l.declare(prm);
    extrusion.declare(prm);
    prm.leave_subsection();
  }

  void
  LayerStack::check() const
  {
    const std::string prefix = "Geometry/" + name;
    for (const auto &s : sections)
      s.check(prefix);
    for (const auto &l : layers)
      l.check(prefix);
    extrusion.check(prefix);
  }

  template <int dim>
  MeshNames
  LayerStack::create(Triangulation<dim, dim> &tria,
                     const RegionOf          &region_of,
                     const BoundaryOf        &boundary_of) const
  {
    check();
    // Present slabs along x and y; per coarse cell row, its slab; per slab,
    // where it ends.
    std::vector<const Slab *>        slabs[2];
    std::vector<unsigned int>        slab_of_row[2];
    std::vector<double>              slab_end[2];
    std::vector<std::vector<double>> spacing(dim);
    for (unsigned int axis = 0; axis < 2; ++axis)
      {
        double end = 0.;
        for (const Slab &s : axis == 0 ? sections : layers)
          if (s.present())
            {
              const auto steps = s.steps();
              spacing[axis].insert(spacing[axis].end(),
                                   steps.begin(),
                                   steps.end());
              slab_of_row[axis].insert(slab_of_row[axis].end(),
                                       steps.size(),
                                       slabs[axis].size());
              slabs[axis].push_back(&s);
              slab_end[axis].push_back(end += s.length);
            }
        Assert(!slabs[axis].empty(), ExcMessage("No section or no layer."));
      }
    if (dim == 3)
      spacing[2].assign(extrusion.cells, extrusion.width / extrusion.cells);

    MeshNames names;
    names.source = "the geometry '" + name + "'";
    // Regions numbered bottom to top; a void block gets the id that
    // subdivided_hyper_rectangle() leaves out.
    std::vector<std::vector<types::material_id>> block_material(
      slabs[1].size(), std::vector<types::material_id>(slabs[0].size()));
    for (unsigned int j = 0; j < slabs[1].size(); ++j)
      for (unsigned int i = 0; i < slabs[0].size(); ++i)
        {
          const std::string region = region_of(*slabs[0][i], *slabs[1][j]);
          block_material[j][i] = region.empty() ? numbers::invalid_material_id :
                                                  names.regions.add(region);
        }

    TableIndices<dim> size;
    for (unsigned int d = 0; d < dim; ++d)
      size[d] = spacing[d].size();
    Table<dim, types::material_id> material;
    material.reinit(size);
    for (unsigned int ix = 0; ix < spacing[0].size(); ++ix)
      for (unsigned int iy = 0; iy < spacing[1].size(); ++iy)
        for (unsigned int iz = 0; iz < (dim == 3 ? spacing[2].size() : 1); ++iz)
          {
            TableIndices<dim> index;
            index[0] = ix;
            index[1] = iy;
            if (dim == 3)
              index[2] = iz;
            material(index) =
              block_material[slab_of_row[1][iy]][slab_of_row[0][ix]];
          }
    GridGenerator::subdivided_hyper_rectangle(tria,
                                              spacing,
                                              Point<dim>(),
                                              material);

    const auto block = [&](const unsigned int axis, const double coordinate) {
      const auto it = std::upper_bound(slab_end[axis].begin(),
                                       slab_end[axis].end(),
                                       coordinate);
      return std::min<std::size_t>(it - slab_end[axis].begin(),
                                   slabs[axis].size() - 1);
    };
    for (const auto &cell : tria.active_cell_iterators())
      {
        const Point<dim> center  = cell->center();
        const Slab      &section = *slabs[0][block(0, center[0])];
        const Slab      &layer   = *slabs[1][block(1, center[1])];
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            {
              // The side from the geometry, not from the face number.
              const Tensor<1, dim> out  = face->center() - center;
              unsigned int         axis = 0;
              for (unsigned int d = 1; d < dim; ++d)
                if (std::abs(out[d]) > std::abs(out[axis]))
                  axis = d;
              const auto side = static_cast<Side>(2 * axis + (out[axis] > 0.));
              face->set_boundary_id(
                names.boundaries.add(boundary_of(section, layer, side)));
            }
      }
    return names;
  }

  template MeshNames
  LayerStack::create(Triangulation<2, 2> &,
                     const RegionOf &,
                     const BoundaryOf &) const;
  template MeshNames
  LayerStack::create(Triangulation<3, 3> &,
                     const RegionOf &,
                     const BoundaryOf &) const;
} // namespace NOxFlow::Meshes
