"""The sweep file (TOML, see cluster/README.md) and its points."""

import itertools
import math
import os
import tomllib

from . import SweepError

RANKS = "MPI ranks"  # pseudo-parameter: MPI ranks per run, not a case value
COMBINE = ("product", "zip")
SLURM_KEYS = ("job_name", "time", "partition", "account", "throttle", "options")
TOP_KEYS = ("base", "combine", "ranks", "parameters", "zip", "slurm", "local")
# Points per sweep unless --max-points says otherwise: each point is a run
# folder and a noxflow check, so a typo (num = 1e9) must not start writing.
DEFAULT_MAX_POINTS = 100000


def _fmt(x):
    """A TOML value as a .prm value."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        return format(x, ".12g")
    if isinstance(x, (int, str)):
        return str(x)
    raise SweepError(f"value {x!r} is neither a number, a string nor a boolean")


def _number(path, key, x):
    """A range's start, stop or step: a finite number."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise SweepError(f"'{path}': {key} = {x!r}; give a finite number")
    return x


def _count(path, what, n, max_points):
    """Refuses a range of more values than a sweep may have points, before
    any value is generated."""
    if n > max_points:
        raise SweepError(f"'{path}': {what} gives {n:.6g} values, more than the "
                         f"{max_points} points a sweep may have; use fewer values, "
                         "or raise the limit with --max-points N")


def _num(path, n, max_points):
    """A range's num: a whole number >= 1 (1e3 is 1000), within the limit."""
    whole = (not isinstance(n, bool) and isinstance(n, (int, float))
             and math.isfinite(n) and n == int(n) and n >= 1)
    if not whole:
        raise SweepError(f"'{path}': num = {n!r}; give a whole number of values >= 1")
    _count(path, f"num = {n!r}", n, max_points)
    return int(n)


def _values(path, spec, max_points=DEFAULT_MAX_POINTS):
    """The list of .prm values of one parameter (list, range table or scalar)."""
    if isinstance(spec, list):
        if not spec:
            raise SweepError(f"'{path}' has an empty list; give at least one value")
        return [_fmt(v) for v in spec]
    if isinstance(spec, dict):
        keys = set(spec)
        if keys == {"start", "stop", "num"}:
            a, b = _number(path, "start", spec["start"]), _number(path, "stop", spec["stop"])
            n = _num(path, spec["num"], max_points)
            if n == 1:
                return [_fmt(a)]
            return [_fmt(a + (b - a) * k / (n - 1)) for k in range(n)]
        if keys == {"start", "stop", "step"}:
            a, b, h = (_number(path, k, spec[k]) for k in ("start", "stop", "step"))
            if not h or (b - a) / h < 0:
                raise SweepError(
                    f"'{path}': step = {h!r} does not lead from {a!r} to {b!r}; "
                    "give a step with the sign of stop - start")
            steps = (b - a) / h + 1e-9  # may be inf for a step of 1e-300
            _count(path, f"step = {h!r} from {a!r} to {b!r}", steps + 1, max_points)
            n = int(steps) + 1
            ints = all(isinstance(v, int) for v in (a, b, h))
            return [_fmt(a + k * h) if ints else _fmt(float(a + k * h)) for k in range(n)]
        raise SweepError(
            f"'{path}' = {spec!r}: a range is {{start, stop, num}} (num values, both "
            "ends included) or {start, stop, step}")
    return None  # a scalar: a fixed value, not swept


class Sweep:
    """A parsed sweep file: base case, fixed values, axes, ranks, options."""

    def __init__(self, path, max_points=DEFAULT_MAX_POINTS):
        self.path = os.path.abspath(path)
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except FileNotFoundError as e:
            raise SweepError(f"sweep file {path} not found") from e
        except tomllib.TOMLDecodeError as e:
            raise SweepError(f"sweep file {path} is not valid TOML: {e}") from e
        self.raw = data
        unknown = sorted(set(data) - set(TOP_KEYS))
        if unknown:
            raise SweepError(
                f"{path}: unknown key(s) {', '.join(unknown)}; the keys are "
                f"{', '.join(TOP_KEYS)} (parameters go in [parameters])")
        if "base" not in data:
            raise SweepError(f"{path}: no 'base' = the base case file (relative to the sweep file)")
        self.base = os.path.normpath(os.path.join(os.path.dirname(self.path), data["base"]))
        if not os.path.isfile(self.base):
            raise SweepError(
                f"{path}: base = '{data['base']}': no such file {self.base}; give the base "
                "case's path relative to the sweep file")
        self.combine = data.get("combine", "product")
        if self.combine not in COMBINE:
            raise SweepError(f"{path}: combine = '{self.combine}'; use 'product' or 'zip'")
        self.ranks = data.get("ranks", 1)
        self._check_ranks("ranks", self.ranks)
        self.slurm = dict(data.get("slurm", {}))
        bad = sorted(set(self.slurm) - set(SLURM_KEYS))
        if bad:
            raise SweepError(f"{path}: unknown [slurm] key(s) {', '.join(bad)}; "
                             f"known: {', '.join(SLURM_KEYS)}")
        self.local = dict(data.get("local", {}))

        # Axes: lists zipped within an axis, axes combined by product.
        self.fixed = {}
        self.axes = []
        params = data.get("parameters", {})
        lists = {}
        for p, spec in params.items():
            v = _values(p, spec, max_points)
            if v is None:
                self.fixed[p] = _fmt(spec)
            else:
                lists[p] = v
        if self.combine == "zip" and lists:
            self.axes.append(self._zip(lists, "[parameters] with combine = 'zip'"))
        else:
            self.axes.extend({p: v} for p, v in lists.items())
        for k, table in enumerate(data.get("zip", [])):
            z = {}
            for p, spec in table.items():
                v = _values(p, spec, max_points)
                if v is None:
                    raise SweepError(f"[[zip]] number {k + 1}: '{p}' = {spec!r} is a single "
                                     "value; a zip group takes lists")
                z[p] = v
            self.axes.append(self._zip(z, f"[[zip]] number {k + 1}"))
        seen = {}
        for p in list(self.fixed) + [p for a in self.axes for p in a]:
            if p in seen:
                raise SweepError(f"'{p}' is given twice in the sweep file; give it once")
            seen[p] = True
        if RANKS in self.fixed:
            self.ranks = int(self.fixed.pop(RANKS))
            self._check_ranks(RANKS, self.ranks)
        for a in self.axes:
            for r in a.get(RANKS, []):
                self._check_ranks(RANKS, r)
        self._check_count(max_points)

    def _check_count(self, max_points):
        """The product of the axes' lengths, refused above the limit before
        a point is generated."""
        # An axis by its first parameter (zipped lists share a length).
        lengths = [(p, len(a[p])) for a in self.axes for p in list(a)[:1]]
        n = math.prod(k for _, k in lengths)
        if n > max_points:
            desc = " x ".join(f"{k} '{p}'" for p, k in lengths)
            raise SweepError(f"{self.path}: {n} points ({desc}), more than the limit of "
                             f"{max_points}; use fewer values, or raise the limit with "
                             "--max-points N")

    def _check_ranks(self, name, r):
        try:
            ok = int(r) >= 1 and float(r) == int(r)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise SweepError(f"{self.path}: {name} = {r!r}; give a whole number of MPI ranks >= 1")

    @staticmethod
    def _zip(lists, where):
        lengths = {p: len(v) for p, v in lists.items()}
        if len(set(lengths.values())) > 1:
            desc = ", ".join(f"'{p}' has {n}" for p, n in lengths.items())
            raise SweepError(
                f"{where}: lists of unequal length ({desc} values); zipped lists need "
                "the same length: add or drop values, or use combine = 'product'")
        return lists

    def swept(self):
        """Names of the swept parameters (columns), in order."""
        return [p for a in self.axes for p in a]

    def case_paths(self):
        """Every case parameter the sweep sets (swept or fixed)."""
        return [p for p in list(self.fixed) + self.swept() if p != RANKS]

    def points(self):
        """List of {parameter: value} per point, the last axis varying fastest."""
        per_axis = []
        for a in self.axes:
            n = len(next(iter(a.values())))
            per_axis.append([{p: v[i] for p, v in a.items()} for i in range(n)])
        out = []
        for combo in itertools.product(*per_axis):
            point = {}
            for d in combo:
                point.update(d)
            out.append(point)
        return out

    def ranks_of(self, point):
        return int(point.get(RANKS, self.ranks))
