#include <deal.II/base/parameter_handler.h>

#include <physics/input_error.h>
#include <solver/transport/mesh_adaptation_settings.h>

namespace NOxFlow
{
  using namespace dealii;

  void
  MeshAdaptationSettings::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry(
      "Cycles per target",
      "0",
      Patterns::Integer(0, 10),
      "0: the mesh stays the uniform one of Geometry/Global refinements. n: at every target, once the point has converged, the mesh is refined (and, with Kelly's indicator, coarsened) as Indicator says and the point is solved again, n times, before it is reported. The state moves to the new mesh by interpolation; the flow keeps its uniform mesh and is carried over exactly. Implies Discretization/Species unknowns = logarithmic: at the hanging nodes of an adapted mesh the edge fluxes no longer keep concentrations positive by themselves.");
    prm.declare_entry(
      "Indicator",
      "electrode layers",
      Patterns::Selection("kelly|electrode layers"),
      "kelly: Kelly's indicator (jumps of the gradients across faces, per unknown, each normalised over the mesh and summed) refines and coarsens the cells with the largest and smallest values (the fractions below). electrode layers: refine every cell within 'Electrode layer thickness' of the plane of an electrode surface or of a porous electrode, one level per cycle up to Maximum levels, and coarsen nothing (a boundary-layer mesh). On the default channel the layers reach uniform refinement's accuracy with 2x fewer DoFs, where Kelly's choice, which puts coarse-fine interfaces across the boundary layers, does not (benchmarks/README.md).");
    prm.declare_entry(
      "Electrode layer thickness",
      "1e-4",
      Patterns::Double(0.),
      "With Indicator = electrode layers: distance from the plane of each electrode (along its normal), m, within which cells are refined. Make it at least the diffusion layer (D / k_m): a coarse-fine interface inside the layer costs the accuracy the refinement gains (default channel: 1e-4 m matches uniform refinement, 5e-5 m does not).");
    prm.declare_entry(
      "Refine fraction",
      "0.3",
      Patterns::Double(0., 1.),
      "Fraction of the cells, those with the largest indicator, refined in each cycle.");
    prm.declare_entry(
      "Coarsen fraction",
      "0.1",
      Patterns::Double(0., 1.),
      "Fraction of the cells, those with the smallest indicator, coarsened in each cycle (never below the uniform mesh).");
    prm.declare_entry(
      "Maximum levels",
      "2",
      Patterns::Integer(1, 8),
      "Refinements a cell may get beyond the uniform mesh (each halves it).");
    prm.declare_entry(
      "Maximum cells",
      "0",
      Patterns::Integer(0),
      "Active cells the adapted mesh may reach; 0: no limit. Refinement stops short of it (coarsening goes on).");
  }

  void
  MeshAdaptationSettings::parse_parameters(ParameterHandler &prm)
  {
    cycles_per_target         = prm.get_integer("Cycles per target");
    indicator                 = prm.get("Indicator");
    electrode_layer_thickness = prm.get_double("Electrode layer thickness");
    refine_fraction           = prm.get_double("Refine fraction");
    coarsen_fraction          = prm.get_double("Coarsen fraction");
    maximum_levels            = prm.get_integer("Maximum levels");
    maximum_cells             = prm.get_integer("Maximum cells");
  }

  void
  MeshAdaptationSettings::check() const
  {
    if (refine_fraction + coarsen_fraction > 1.)
      throw_input_error("Mesh adaptation/Coarsen fraction",
                        coarsen_fraction,
                        "the refine and coarsen fractions together must not "
                        "exceed 1 (refine fraction " +
                          std::to_string(refine_fraction) +
                          "); lower one of them.");
    if (enabled() && indicator == "electrode layers" &&
        !(electrode_layer_thickness > 0.))
      throw_input_error("Mesh adaptation/Electrode layer thickness",
                        electrode_layer_thickness,
                        "give the thickness of the layer to refine along the "
                        "electrodes, m (> 0; e.g. 1e-4).");
    if (enabled() && indicator == "kelly" && refine_fraction == 0.)
      throw_input_error("Mesh adaptation/Refine fraction",
                        refine_fraction,
                        "with Cycles per target > 0 some cells must be "
                        "refined; use e.g. 0.3, or Cycles per target = 0.");
  }
} // namespace NOxFlow
