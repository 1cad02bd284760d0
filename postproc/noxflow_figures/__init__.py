"""noxflow-figures: PNG figures for a report from noxflow run folders.

Modules: run (reading one run folder), prm (parameters.prm), nh3 (ammonia
production rate), fields (HDF5 fields, 2D triangles and 3D slices), and one
module per figure family (summary_plots, maps, current_distribution); cli
ties them together."""


class FiguresError(Exception):
    """A problem with the user's input: the message names the path or
    option and the fix; the command exits with code 2."""
