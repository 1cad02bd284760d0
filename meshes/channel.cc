#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <meshes/channel.h>
#include <physics/input_error.h>

#include <cmath>

namespace NOxFlow::Meshes
{
  using namespace dealii;

  std::vector<double>
  graded_steps(const double       length,
               const unsigned int n,
               const double       ratio,
               const bool         at_start,
               const bool         at_end)
  {
    std::vector<double> distance(n, 0.);
    for (unsigned int k = 0; k < n; ++k)
      {
        const double from_start = at_start ? k : 1e9;
        const double from_end   = at_end ? n - 1 - k : 1e9;
        distance[k] =
          (at_start || at_end) ? std::min(from_start, from_end) : 0.;
      }
    const double max_distance =
      *std::max_element(distance.begin(), distance.end());
    const double q =
      max_distance > 0. ? std::pow(ratio, 1. / max_distance) : 1.;
    std::vector<double> steps(n);
    double              sum = 0.;
    for (unsigned int k = 0; k < n; ++k)
      sum += (steps[k] = std::pow(q, distance[k]));
    for (auto &s : steps)
      s *= length / sum;
    return steps;
  }

  void
  ChannelGeometry::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Channel");
    prm.declare_entry("Inlet length",
                      "2e-3",
                      Patterns::Double(),
                      "Inert section before the electrodes, m (>= 0).");
    prm.declare_entry("Electrode length",
                      "1e-2",
                      Patterns::Double(),
                      "Length of cathode and anode along the flow, m (> 0).");
    prm.declare_entry("Outlet length",
                      "2e-3",
                      Patterns::Double(),
                      "Inert section after the electrodes, m (>= 0).");
    prm.declare_entry("Height",
                      "2e-3",
                      Patterns::Double(),
                      "Gap between the plates (cathode to anode), m (> 0).");
    prm.declare_entry("Width",
                      "2e-3",
                      Patterns::Double(),
                      "Extent along z in 3D, m (> 0).");
    prm.declare_entry("Cells inlet",
                      "8",
                      Patterns::Integer(0),
                      "Coarse cells along the inlet section.");
    prm.declare_entry("Cells electrode",
                      "40",
                      Patterns::Integer(1),
                      "Coarse cells along the electrodes.");
    prm.declare_entry("Cells outlet",
                      "8",
                      Patterns::Integer(0),
                      "Coarse cells along the outlet section.");
    prm.declare_entry("Cells height",
                      "24",
                      Patterns::Integer(1),
                      "Coarse cells across the gap.");
    prm.declare_entry("Cells width",
                      "4",
                      Patterns::Integer(1),
                      "Coarse cells along z (3D).");
    prm.declare_entry(
      "Wall grading",
      "1",
      Patterns::Double(1.),
      "Largest/smallest cell across the gap; cells shrink toward the plates, where the boundary layers are.");
    prm.declare_entry(
      "Edge grading",
      "1",
      Patterns::Double(1.),
      "Largest/smallest cell along the electrodes; cells shrink toward the electrode edges.");
    prm.leave_subsection();
  }

  void
  ChannelGeometry::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Channel");
    inlet_length     = prm.get_double("Inlet length");
    electrode_length = prm.get_double("Electrode length");
    outlet_length    = prm.get_double("Outlet length");
    height           = prm.get_double("Height");
    width            = prm.get_double("Width");
    cells_inlet      = prm.get_integer("Cells inlet");
    cells_electrode  = prm.get_integer("Cells electrode");
    cells_outlet     = prm.get_integer("Cells outlet");
    cells_height     = prm.get_integer("Cells height");
    cells_width      = prm.get_integer("Cells width");
    wall_grading     = prm.get_double("Wall grading");
    edge_grading     = prm.get_double("Edge grading");
    prm.leave_subsection();

    const auto positive = [](const std::string &name, const double value) {
      if (!(value > 0.))
        throw_input_error("Geometry/Channel/" + name,
                          value,
                          "a channel dimension must be > 0 m.");
    };
    positive("Electrode length", electrode_length);
    positive("Height", height);
    positive("Width", width);
    const auto section = [](const std::string &name,
                            const double       length,
                            const unsigned int cells) {
      if (length < 0.)
        throw_input_error("Geometry/Channel/" + name + " length",
                          length,
                          "a section length must be >= 0 m.");
      if ((length > 0.) != (cells > 0))
        throw_input_error("Geometry/Channel/Cells " + name,
                          cells,
                          "give cells > 0 exactly when the " + name +
                            " length is > 0.");
    };
    section("inlet", inlet_length, cells_inlet);
    section("outlet", outlet_length, cells_outlet);
  }

  template <int dim>
  NamedBoundaries
  ChannelGeometry::create(Triangulation<dim, dim> &tria) const
  {
    std::vector<std::vector<double>> steps(dim);
    const auto                       append = [](std::vector<double>       &to,
                           const std::vector<double> &from) {
      to.insert(to.end(), from.begin(), from.end());
    };
    if (cells_inlet > 0)
      append(
        steps[0],
        graded_steps(inlet_length, cells_inlet, edge_grading, false, true));
    append(steps[0],
           graded_steps(
             electrode_length, cells_electrode, edge_grading, true, true));
    if (cells_outlet > 0)
      append(
        steps[0],
        graded_steps(outlet_length, cells_outlet, edge_grading, true, false));
    steps[1] = graded_steps(height, cells_height, wall_grading, true, true);
    if (dim == 3)
      steps[2] = std::vector<double>(cells_width, width / cells_width);

    const double length = inlet_length + electrode_length + outlet_length;
    Point<dim>   lower, upper;
    upper[0] = length;
    upper[1] = height;
    if (dim == 3)
      upper[2] = width;
    GridGenerator::subdivided_hyper_rectangle(tria, steps, lower, upper);

    NamedBoundaries names;
    const auto      inlet   = names.add("inlet");
    const auto      outlet  = names.add("outlet");
    const auto      cathode = names.add("cathode");
    const auto      anode   = names.add("anode");
    const auto      wall    = names.add("wall");
    const double    tol     = 1e-9 * length;
    const double    x0 = inlet_length, x1 = inlet_length + electrode_length;
    for (const auto &cell : tria.active_cell_iterators())
      for (const auto &face : cell->face_iterators())
        if (face->at_boundary())
          {
            const Point<dim> c            = face->center();
            const bool       on_electrode = c[0] > x0 - tol && c[0] < x1 + tol;
            if (std::abs(c[0]) < tol)
              face->set_boundary_id(inlet);
            else if (std::abs(c[0] - length) < tol)
              face->set_boundary_id(outlet);
            else if (std::abs(c[1]) < tol && on_electrode)
              face->set_boundary_id(cathode);
            else if (std::abs(c[1] - height) < tol && on_electrode)
              face->set_boundary_id(anode);
            else
              face->set_boundary_id(wall);
          }
    return names;
  }

  template NamedBoundaries
  ChannelGeometry::create(Triangulation<2, 2> &) const;
  template NamedBoundaries
  ChannelGeometry::create(Triangulation<3, 3> &) const;
} // namespace NOxFlow::Meshes
