"""A run's summary.tsv, read strictly, and whether a completed run is intact.

noxflow writes summary.tsv as a header line and one row per accepted
operating point, each line ending in a newline and every field a number.
Anything else (a missing, empty, binary or cut-off file, a short row, a
number cut in the middle) comes from a killed run, a full disk or a broken
copy: such a row is refused, never read as a value (-1.5e-1 from a cut
-1.5e-15), and a completed run with one is damaged, not finished."""

import os
import re

from .prm import PrmText

# What C++ streams write for a double, nan and inf included (Python's float()
# would also take '1_0' or ' 1 ').
_NUMBER = re.compile(r"[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)", re.IGNORECASE)


class Damaged(Exception):
    """A run output that cannot be used; the message says why, in one line."""


class Summary:
    """The header, the intact rows, and why each other row was refused."""

    def __init__(self, header, rows, refused):
        self.header = header
        self.rows = rows
        self.refused = refused


def read_text(path):
    """The text of a run output file; Damaged if it is missing, a folder,
    unreadable, empty or binary."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise Damaged(f"{name}: missing") from None
    except IsADirectoryError:
        raise Damaged(f"{name}: a directory, not a file") from None
    except OSError as e:
        raise Damaged(f"{name}: cannot be read ({e.strerror})") from None
    if not data:
        raise Damaged(f"{name}: empty")
    binary = Damaged(f"{name}: binary, not text")
    if b"\0" in data:
        raise binary
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise binary from None


def _row_problem(fields, header):
    """Why a complete line is not a row of numbers matching the header, or None."""
    if len(fields) != len(header):
        return f"{len(fields)} fields, the header has {len(header)}"
    for name, value in zip(header, fields):
        if not _NUMBER.fullmatch(value):
            return f"{name} = {value[:30]!r} is not a number"
    return None


def read_summary(path):
    """The Summary of summary.tsv at `path`; Damaged if the file as a whole
    is unusable. Rows that are cut off or malformed are refused, not read."""
    name = os.path.basename(path)
    lines = read_text(path).split("\n")
    # The text after the last newline: a row cut off (or still being written).
    tail = lines.pop()
    if not lines or not lines[0].strip():
        raise Damaged(f"{name}: no complete header line")
    header = lines[0].rstrip("\r").split("\t")
    rows, refused = [], []
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        why = _row_problem(fields, header)
        if why:
            refused.append(f"{name} line {number}: {why}")
        else:
            rows.append(fields)
    if tail.strip():
        refused.append(f"{name} line {len(lines) + 1}: cut off (no newline at the end)")
    return Summary(header, rows, refused)


def completed_run(output):
    """(parameters {path: value}, Summary) of a run folder whose status says
    completed; Damaged unless every row is intact and there is at least one
    (a header alone is a run that never finished a point)."""
    summary = read_summary(os.path.join(output, "summary.tsv"))
    if summary.refused:
        more = len(summary.refused) - 1
        raise Damaged(summary.refused[0] + (f" (and {more} more row(s))" if more else ""))
    if not summary.rows:
        raise Damaged("summary.tsv: a header but no rows")
    params = PrmText(read_text(os.path.join(output, "parameters.prm"))).values()
    return params, summary


def completed_damage(output):
    """Why a completed run's output cannot be used, or None if it is intact."""
    try:
        completed_run(output)
    except Damaged as e:
        return str(e)
    return None
