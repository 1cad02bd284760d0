"""The sweep folder: expanding a sweep into run folders, and reading it back.

    DIR/sweep.toml          the sweep file as given
    DIR/sweep.json          resolved settings: base case and its sha256, noxflow, points
    DIR/base.prm            the base case (includes inlined)
    DIR/points.tsv          point, MPI ranks and swept values, one line per run
    DIR/runs/NNNN/case.prm  self-contained case of point NNNN
    DIR/runs/NNNN/point.json  swept and fixed values, base case path and sha256
    DIR/runs/NNNN/output/   the noxflow run (status, summary.tsv, fields)
    DIR/runs/NNNN/attempt.json  the last attempt: host, pid, Slurm job, exit code
    DIR/runs/NNNN/failed-K/ earlier failed attempts, moved aside on resubmission
    DIR/logs/               Slurm logs %x_%A_%a.log
    DIR/submissions.tsv     Slurm job ids and the points they run
    DIR/results/            sweep.csv and plots
"""

import concurrent.futures
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

from . import SweepError
from .prm import PrmText, declared, inline_includes
from .sweepfile import DEFAULT_MAX_POINTS, RANKS, Sweep


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_noxflow(given=None):
    """The noxflow binary: --noxflow, $NOXFLOW, PATH, or build/solver/noxflow."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    candidates = [given, os.environ.get("NOXFLOW"), shutil.which("noxflow"),
                  os.path.join(here, "build", "solver", "noxflow")]
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return os.path.abspath(c)
    if given:
        raise SweepError(f"--noxflow {given}: not an executable file")
    raise SweepError("noxflow not found: pass --noxflow PATH or set NOXFLOW "
                     "(e.g. build/solver/noxflow)")


def _close(name, names):
    import difflib
    m = difflib.get_close_matches(name, sorted(set(names)), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(x) for x in m)}?)" if m else ""


def expand(sweep_file, directory, noxflow=None, check=True, max_points=DEFAULT_MAX_POINTS):
    """Writes the sweep folder; on any error nothing is left behind. The
    sweep file is checked (and its points counted) before anything else."""
    sweep = Sweep(sweep_file, max_points)
    noxflow = find_noxflow(noxflow)
    directory = os.path.abspath(directory)
    if os.path.exists(directory):
        raise SweepError(f"{directory} exists; to go on with that sweep pass the folder "
                         "(not the sweep file), or choose another folder with -o")
    base_text = inline_includes(sweep.base)
    base = PrmText(base_text)
    base_values = base.values()
    listing = subprocess.run([noxflow, "--print-parameters"], capture_output=True,
                             text=True, check=False)
    if listing.returncode != 0:
        raise SweepError(f"{noxflow} --print-parameters failed: {listing.stderr.strip()}")
    for p in sweep.case_paths():
        if p not in base_values and not declared(listing.stdout, p):
            raise SweepError(
                f"'{p}' is not a parameter of the base case {sweep.base} nor of noxflow"
                f"{_close(p, list(base_values) + list(PrmText(listing.stdout).values()))}; write it as its path in the case file, "
                "e.g. 'Flow/Mean velocity' (see noxflow --print-parameters)")
    points = sweep.points()
    base_sha = sha256(sweep.base)
    parent = os.path.dirname(directory)
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=os.path.basename(directory) + ".partial-", dir=parent)
    try:
        _write(sweep, points, tmp, base_text, base_sha, noxflow)
        if check:
            _check_cases(tmp, points, noxflow)
        os.rename(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return directory, len(points)


def _write(sweep, points, d, base_text, base_sha, noxflow):
    shutil.copyfile(sweep.path, os.path.join(d, "sweep.toml"))
    with open(os.path.join(d, "base.prm"), "w") as f:
        f.write(base_text)
    swept = sweep.swept()
    meta = {
        "sweep_file": sweep.path,
        "base_case": sweep.base,
        "base_sha256": base_sha,
        "noxflow": noxflow,
        "noxflow_sha256": sha256(noxflow),
        "created": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "combine": sweep.combine,
        "swept": swept,
        "axes": [list(a) for a in sweep.axes],
        "fixed": sweep.fixed,
        "ranks": [sweep.ranks_of(p) for p in points],
        "slurm": sweep.slurm,
        "local": sweep.local,
        "n_points": len(points),
    }
    with open(os.path.join(d, "sweep.json"), "w") as f:
        json.dump(meta, f, indent=2)
    os.makedirs(os.path.join(d, "logs"))
    lines = ["\t".join(["point", RANKS] + [p for p in swept if p != RANKS])]
    for i, point in enumerate(points):
        run = os.path.join(d, "runs", run_name(i))
        os.makedirs(run)
        case = PrmText(base_text)
        values = dict(sweep.fixed)
        values.update({p: v for p, v in point.items() if p != RANKS})
        for p, v in values.items():
            case.set(p, v, f"noxflow-sweep point {i}")
        header = (f"# noxflow-sweep point {i} of {sweep.path}\n"
                  f"# base case {sweep.base} (sha256 {base_sha})\n"
                  + "".join(f"#   {p} = {v}\n" for p, v in point.items()))
        with open(os.path.join(run, "case.prm"), "w") as f:
            f.write(header + case.text())
        with open(os.path.join(run, "point.json"), "w") as f:
            json.dump({"point": i, "swept": point, "fixed": sweep.fixed,
                       "ranks": sweep.ranks_of(point), "base_case": sweep.base,
                       "base_sha256": base_sha}, f, indent=2)
        lines.append("\t".join([str(i), str(sweep.ranks_of(point))]
                               + [point[p] for p in swept if p != RANKS]))
    with open(os.path.join(d, "points.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")


def _check_cases(d, points, noxflow):
    """Every case file parses and passes noxflow's consistency check."""
    def check(i):
        case = os.path.join(d, "runs", run_name(i), "case.prm")
        r = subprocess.run([noxflow, "--print-parameters", case], capture_output=True,
                           text=True, check=False)
        return i, r
    workers = min(8, os.cpu_count() or 1)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for i, r in pool.map(check, range(len(points))):
            if r.returncode != 0:
                values = ", ".join(f"{p} = {v}" for p, v in points[i].items())
                msg = (r.stderr.strip() or r.stdout.strip()).splitlines()
                raise SweepError(f"point {i} ({values}) is not a valid case: "
                                 f"{msg[-1] if msg else 'exit code %d' % r.returncode}; "
                                 "change that value in the sweep file")


def run_name(i):
    return f"{i:04d}"


class SweepDir:
    """An expanded sweep folder."""

    def __init__(self, directory):
        self.dir = os.path.abspath(directory)
        try:
            with open(os.path.join(self.dir, "sweep.json")) as f:
                self.meta = json.load(f)
        except FileNotFoundError as e:
            raise SweepError(f"{directory} is not a sweep folder (no sweep.json); "
                             "create one with 'noxflow-sweep expand'") from e
        except (OSError, ValueError) as e:
            raise SweepError(f"{directory}: sweep.json cannot be read ({e}); "
                             "expand the sweep file again into a new folder") from e

    @property
    def n_points(self):
        return self.meta["n_points"]

    def run_dir(self, i):
        return os.path.join(self.dir, "runs", run_name(i))

    def point(self, i):
        point = self.read_json(i, "point.json")
        if not isinstance(point, dict):
            raise SweepError(f"{self.run_dir(i)}/point.json is missing or damaged")
        return point

    def read_json(self, i, name):
        """The JSON file `name` of run i, or None if missing or unreadable."""
        try:
            with open(os.path.join(self.run_dir(i), name)) as f:
                return json.load(f)
        except (OSError, ValueError):  # ValueError: bad JSON or not UTF-8
            return None

    def status_line(self, i):
        """First line of output/status, None if there is none, or
        'damaged: ...' if it is not a readable text file."""
        try:
            with open(os.path.join(self.run_dir(i), "output", "status"), "rb") as f:
                line = f.readline(4096)
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            return "damaged: output/status is a directory, not a file"
        except OSError as e:
            return f"damaged: output/status cannot be read ({e.strerror})"
        if b"\0" in line:
            return "damaged: output/status is binary, not text"
        return line.decode("utf-8", "replace").strip()

    def submissions(self):
        """[(job id, kind, points)] from submissions.tsv."""
        out = []
        try:
            with open(os.path.join(self.dir, "submissions.tsv")) as f:
                for line in f:
                    job, kind, pts = line.rstrip("\n").split("\t")[:3]
                    out.append((job, kind, [int(x) for x in pts.split(",") if x]))
        except FileNotFoundError:
            pass
        return out

    def add_submission(self, job, kind, points):
        with open(os.path.join(self.dir, "submissions.tsv"), "a") as f:
            when = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
            f.write(f"{job}\t{kind}\t{','.join(map(str, points))}\t{when}\n")
