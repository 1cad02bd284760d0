"""Region outlines on the maps: the mesh region of each cell, and the edges
between regions (membrane, catalyst layer, porous electrodes, channels).

The regions come, in this order:
1. from the field `region_id` (the cell's material id, which noxflow writes
   since 4101e2d). DataOut stores it at the nodes, where a node on an
   interface holds one neighbour's id: a cell's region is the id most of
   its nodes hold, ties to the lower id. For the layer stacks, whose ids
   grow upward and whose upper cells are written last, that is exact
   (checked against 2. on refined 2-rank runs); on other meshes an outline
   may sit one cell off the interface. Cell data (Center="Cell") is taken
   as it is;
2. for runs without it, from the geometry in parameters.prm: the three cell
   architectures are layer stacks along y, each present layer one region,
   from y = 0 up (meshes/README.md); the channel is a single region;
3. otherwise none (a Gmsh mesh keeps its regions in the .msh file): the
   maps say so.
Regions are numbered bottom to top, as the mesh builder numbers its
material ids, so the region_id of a layer stack gets the layer names."""

import numpy as np
from matplotlib.collections import LineCollection

from . import fields as field_data

REGION_FIELD = "region_id"
# Layers of each architecture, bottom to top: (parameter subsection, region)
# as meshes/zero_gap_mea.cc, gdl_flow_cell.cc, flow_through_electrode.cc build them.
LAYER_STACKS = {
    "Zero-gap MEA": [("Flow channel", "flow_channel"), ("Cathode", "cathode"),
                     ("Membrane", "membrane"), ("Anode", "anode")],
    "GDL flow cell": [("Gas channel", "gas_channel"), ("GDL", "gdl"),
                      ("Catalyst layer", "catalyst_layer"), ("Catholyte", "catholyte"),
                      ("Membrane", "membrane"), ("Anolyte", "anolyte")],
    "Flow-through electrode": [("Cathode", "cathode"), ("Gap", "gap"),
                               ("Separator", "separator"), ("Anolyte", "anolyte")],
}
# Region names are written on a map only where the band is this tall (points).
MIN_NAME_HEIGHT_PT = 8


class Regions:
    """labels: region index per mesh cell; names: index -> name; source:
    where they came from, for the figure's note."""

    def __init__(self, labels, names, source):
        self.labels = np.asarray(labels, dtype=np.int64)
        self.names = names
        self.source = source

    def name(self, k):
        return self.names[k] if 0 <= k < len(self.names) else f"region {k}"


def layers(params):
    """[(region, y bottom, y top)] of the present layers of a layer-stack
    geometry (m), or None for another geometry."""
    kind = params.get("Geometry/Type")
    if kind not in LAYER_STACKS:
        return None
    out, y = [], 0.0
    for subsection, region in LAYER_STACKS[kind]:
        thickness = float(params.get(f"Geometry/{kind}/{subsection}/Thickness", "0"))
        if thickness > 0:  # optional layers of 0 m are left out of the mesh
            out.append((region, y, y + thickness))
            y += thickness
    return out


def _known_names(params):
    stack = layers(params)
    if stack is not None:
        return [r for r, _, _ in stack]
    return ["channel"] if params.get("Geometry/Type") == "channel" else []


def _from_field(params, entry, nodes, cells):
    ids = np.rint(field_data.dataset(entry, REGION_FIELD)[:, 0]).astype(np.int64)
    if entry["centers"].get(REGION_FIELD) == "Cell" and len(ids) == len(cells):
        labels = ids
    else:
        # Node data: a node on an interface holds one neighbour's id; the
        # majority of a cell's nodes is its region (ties: the lower id).
        per_node = ids[cells]
        present = np.unique(per_node)
        counts = (per_node[..., None] == present).sum(axis=1)
        labels = present[np.argmax(counts, axis=1)]
    names = _known_names(params)
    if labels.max() >= len(names):  # ids the geometry does not explain
        names = []
    return Regions(labels, names, f"the '{REGION_FIELD}' field")


def _from_geometry(params, nodes, cells):
    kind = params.get("Geometry/Type")
    if kind is None:
        return None, "no region outlines: no parameters.prm says the geometry"
    if kind == "channel":
        return Regions(np.zeros(len(cells)), ["channel"], "one region (channel)"), None
    stack = layers(params)
    if stack is None:
        return None, (f"no region outlines: the regions of a {kind} mesh are in its mesh "
                      f"file, and the fields have no '{REGION_FIELD}'")
    y = nodes[:, 1]
    top = stack[-1][2]
    if abs(y.min()) > 1e-6 * top or abs(y.max() - top) > 1e-6 * top:
        return None, (f"no region outlines: the mesh (y {y.min():g} to {y.max():g} m) does not "
                      f"match the layers of parameters.prm (0 to {top:g} m)")
    # The mesh follows the layers: a cell's centre lies inside its layer.
    centre = nodes[cells, 1].mean(axis=1)
    labels = np.searchsorted([t for _, _, t in stack[:-1]], centre)
    return Regions(labels, [r for r, _, _ in stack], "the layers in parameters.prm"), None


def cell_regions(params, entry, nodes, cells):
    """(Regions, None) of the cells of a fields.xdmf entry, or (None, why not)."""
    if REGION_FIELD in entry["fields"]:
        return _from_field(params, entry, nodes, cells), None
    return _from_geometry(params, nodes, cells)


def outline_segments(points, triangles, labels):
    """Edges between triangles of different regions, and of the domain's
    boundary, as (k, 2, 2) segments. Points are merged by position (a 3D
    slice repeats them per cell) and repeated triangles dropped (a slice on
    a cell face cuts the cells on both sides)."""
    scale = np.ptp(points, axis=0).max() or 1.0
    keys = np.round(points / (1e-9 * scale)).astype(np.int64)
    _, ids = np.unique(keys, axis=0, return_inverse=True)
    ids = ids.reshape(-1)
    tri = ids[triangles]
    _, first = np.unique(np.sort(tri, axis=1), axis=0, return_index=True)
    tri, labels = tri[first], labels[first]
    edges = np.sort(np.concatenate([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]]), axis=1)
    edge_labels = np.tile(labels, 3)
    unique, which, count = np.unique(edges, axis=0, return_inverse=True, return_counts=True)
    which = which.reshape(-1)
    low = np.full(len(unique), np.iinfo(np.int64).max)
    high = np.full(len(unique), np.iinfo(np.int64).min)
    np.minimum.at(low, which, edge_labels)
    np.maximum.at(high, which, edge_labels)
    keep = (count == 1) | (low != high)
    position = np.zeros((ids.max() + 1, 2))
    position[ids] = points
    return position[unique[keep]]


def region_centres(points, triangles, labels):
    """{region index: (x at its right end, y centre, height)}, m: where a
    region's name goes."""
    a, b, c = (points[triangles[:, k]] for k in range(3))
    area = 0.5 * np.abs((b - a)[:, 0] * (c - a)[:, 1] - (b - a)[:, 1] * (c - a)[:, 0])
    centre = (a + b + c) / 3
    out = {}
    for k in np.unique(labels):
        on = labels == k
        if area[on].sum() <= 0:
            continue
        corners = np.concatenate([a[on], b[on], c[on]])
        y = np.average(centre[on, 1], weights=area[on])
        out[int(k)] = (corners[:, 0].max(), y, np.ptp(corners[:, 1]))
    return out


class Outline:
    """What a map draws of the regions: segments and names, in metres."""

    def __init__(self, points, triangles, labels, regions):
        self.segments = outline_segments(points, triangles, labels)
        self.centres = region_centres(points, triangles, labels)
        self.regions = regions

    def names(self):
        """The regions on this map, bottom to top."""
        ordered = sorted(self.centres, key=lambda k: self.centres[k][1])
        return [self.regions.name(k) for k in ordered]

    def draw(self, ax, scale, panel_height_pt, y_range):
        """Black lines with a white edge (visible on every colour of the
        map), and the region names where their band is tall enough."""
        # Every halo under every line: a halo drawn per segment would cover
        # the end of its neighbour's line.
        for colour, width in (("w", 1.8), ("k", 0.7)):
            ax.add_collection(LineCollection(self.segments * scale, colors=colour,
                                             linewidths=width))
        if len(self.centres) < 2:
            return
        for k, (x, y, height) in self.centres.items():
            if height / y_range * panel_height_pt >= MIN_NAME_HEIGHT_PT:
                ax.text(x * scale, y * scale, self.regions.name(k) + " ", ha="right",
                        va="center", fontsize=6.5, color="k",
                        bbox=dict(boxstyle="round,pad=0.15", fc="w", ec="none", alpha=0.6))
