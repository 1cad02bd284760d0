"""Node fields from the HDF5 files of a run, as triangles in a plane.

mesh.h5 holds `nodes` (n x dim, m) and `cells` (quadrilaterals or
hexahedra, VTK vertex order: deal.II's XDMF order); fields-NNNN.h5 one
(n x 1) dataset per scalar field. 2D meshes are drawn as they are (two
triangles per quadrilateral); 3D meshes are cut by an axis-aligned plane:
each hexahedron's edges crossing the plane give a convex polygon, values
interpolated linearly along the edges."""

import os

import h5py
import numpy as np

from . import FiguresError

AXES = "xyz"
# The 12 edges of a VTK hexahedron: bottom face, top face, verticals.
HEX_EDGES = np.array([(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4),
                      (0, 4), (1, 5), (2, 6), (3, 7)])


def _dataset(ref):
    file, dataset = ref
    with h5py.File(file, "r") as f:
        return f[dataset][()]


def dataset(entry, name):
    """One field of a fields.xdmf entry, as stored (n x components)."""
    return _dataset(entry["fields"][name])


def load(entry, names):
    """(nodes, cells, {name: values at nodes}) of one fields.xdmf entry."""
    missing = [n for n in names if n not in entry["fields"]]
    if missing:
        raise FiguresError(f"field(s) {', '.join(missing)} not in the fields of "
                           f"{entry['fields'] and next(iter(entry['fields'].values()))[0]} "
                           f"(fields: {', '.join(sorted(entry['fields']))})")
    values = {n: _dataset(entry["fields"][n])[:, 0] for n in names}
    return _dataset(entry["nodes"]), _dataset(entry["cells"]).astype(np.int64), values


def plane_2d(nodes, cells, values):
    """A 2D mesh as (points, triangles, values)."""
    triangles = np.concatenate([cells[:, [0, 1, 2]], cells[:, [0, 2, 3]]])
    return nodes[:, :2], triangles, values


def triangle_cells_2d(cells):
    """The cell of each triangle of plane_2d()."""
    return np.tile(np.arange(len(cells)), 2)


def parse_slice(text):
    """'z=0.001' -> (2, 0.001); 'z' or None -> (2, None): the mid-plane."""
    text = (text or "z").strip()
    axis, _, position = text.partition("=")
    axis = axis.strip().lower()
    if axis not in AXES:
        raise FiguresError(f"--slice '{text}': expected x=..., y=... or z=... (metres), "
                           "e.g. z=1e-3")
    try:
        return AXES.index(axis), float(position) if position.strip() else None
    except ValueError:
        raise FiguresError(f"--slice '{text}': '{position}' is not a number (metres)") from None


def check_slice(entry, axis, position):
    """A --slice position outside a 3D mesh is an error (2D: ignored)."""
    if entry is None or position is None:
        return
    nodes = _dataset(entry["nodes"])
    if nodes.shape[1] == 3 and not nodes[:, axis].min() <= position <= nodes[:, axis].max():
        raise FiguresError(f"--slice {AXES[axis]}={position:g}: outside the mesh of "
                           f"{os.path.dirname(entry['nodes'][0])} ({AXES[axis]} from "
                           f"{nodes[:, axis].min():g} to {nodes[:, axis].max():g} m)")


def slice_3d(nodes, cells, values, axis, position, with_cells=False):
    """The cut of a hexahedral mesh by the plane x_axis = position, as
    (points in the two other coordinates, triangles, values at the points),
    and with_cells: the cell each triangle cuts."""
    s = nodes[:, axis]
    cs = s[cells]
    cut_index = np.nonzero((cs.min(axis=1) <= position) & (cs.max(axis=1) >= position))[0]
    cut = cells[cut_index]
    a, b = cut[:, HEX_EDGES[:, 0]], cut[:, HEX_EDGES[:, 1]]
    sa, sb = s[a], s[b]
    crossing = (sa - position) * (sb - position) <= 0
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(sb != sa, (position - sa) / (sb - sa), 0.0)
    t = np.clip(t, 0.0, 1.0)[..., None]
    in_plane = [k for k in range(3) if k != axis]
    points = nodes[a][..., in_plane] * (1 - t) + nodes[b][..., in_plane] * t
    interp = {n: v[a] * (1 - t[..., 0]) + v[b] * t[..., 0] for n, v in values.items()}

    out_points, out_values, triangles, of_cell = [], {n: [] for n in values}, [], []
    scale = np.ptp(nodes, axis=0).max()
    for c in range(len(cut)):
        p = points[c][crossing[c]]
        # Nodes on the plane appear once per edge through them.
        _, keep = np.unique(np.round(p / (1e-9 * scale)), axis=0, return_index=True)
        if len(keep) < 3:
            continue
        p = p[keep]
        centre = p.mean(axis=0)
        order = np.argsort(np.arctan2(p[:, 1] - centre[1], p[:, 0] - centre[0]))
        base = sum(len(q) for q in out_points)
        out_points.append(p[order])
        for n in values:
            out_values[n].append(interp[n][c][crossing[c]][keep][order])
        triangles += [(base, base + i, base + i + 1) for i in range(1, len(order) - 1)]
        of_cell += [cut_index[c]] * (len(order) - 2)
    if not triangles:
        raise FiguresError(f"--slice {AXES[axis]}={position:g} cuts no cell")
    result = (np.concatenate(out_points), np.array(triangles),
              {n: np.concatenate(v) for n, v in out_values.items()})
    return result + (np.array(of_cell),) if with_cells else result


def surface_nodes(nodes, samples):
    """Indices of the mesh nodes nearest to an electrode's sample points
    (quadrature points on its faces, electrode_<name>-NNNN.tsv): the nodes
    of the electrode surface. Candidates are the nodes in the samples'
    bounding box, widened along each axis by the largest gap between sample
    coordinates so that the electrode's end nodes are in; along a flat
    electrode's normal that gap is zero, which keeps the search cheap."""
    dim = samples.shape[1]
    nodes = nodes[:, :dim]
    scale = np.ptp(nodes, axis=0).max()
    low, high = samples.min(axis=0), samples.max(axis=0)
    for k in range(dim):
        u = np.unique(samples[:, k])
        gap = np.diff(u).max() if len(u) > 1 else 0.0
        low[k] -= gap + 1e-9 * scale
        high[k] += gap + 1e-9 * scale
    candidates = np.nonzero(np.all((nodes >= low) & (nodes <= high), axis=1))[0]
    near, found = nodes[candidates], set()
    for chunk in np.array_split(samples, max(1, len(samples) * len(candidates) // 2_000_000)):
        d = ((near[None, :, :] - chunk[:, None, :]) ** 2).sum(axis=2)
        found.update(candidates[np.argmin(d, axis=1)].tolist())
    return np.array(sorted(found), dtype=int)
