#!/usr/bin/env python3
"""Fuzzed case files: every mutation of a shipped case ends cleanly.

Mutates the shipped cases (fixed seed: the same files on every machine) by
replacing values with junk, absurd numbers, braces or binary bytes, deleting,
duplicating or swapping lines, cutting the file, and runs
`noxflow --check <file>` (parse, mesh, model: everything a run checks before
its first write) on each with a time limit. Asserts: no signal, no hang, no
stack trace, and every non-zero exit is 2 with a message that names a
parameter (a Section/Entry path) or a file.

    fuzz_case_files_test.py <noxflow> <source dir> [number of files]
"""
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import tempfile

NOXFLOW, SOURCE = sys.argv[1], sys.argv[2]
COUNT = int(sys.argv[3]) if len(sys.argv) > 3 else 320
TIME_LIMIT = 30.0
CASES = [
    "cases/channel_nitrate/channel_nitrate.prm",
    "cases/zero_gap_nitrate/zero_gap_nitrate.prm",
    "cases/gdl_flow_cell_nitrate/gdl_flow_cell_nitrate.prm",
    "cases/flow_through_nitrate/flow_through_nitrate.prm",
    "cases/flow_through_nitrate/flow_through_nitrate_neutral.prm",
    "cases/gde_no_gas/gde_no_gas.prm",
]
JUNK_VALUES = [
    "", "-1", "0", "1e308", "-1e308", "1e-308", "nan", "inf", "-inf", "abc",
    "{1|2}", "{", "}", "9,25", "1 2", "1e", "0x10", "NO3-: x", "K+: 1, K+: 2",
    "cathode, cathode", "x" * 5000, "\t", "true", "-0", "1e-30", "12345678901234567890",
]
STACK_TRACE = re.compile(
    r"Stacktrace|stack trace|An error occurred in line|terminate called|"
    r"Aborted|Segmentation|what\(\):")
# A parameter path (Section/Entry, Section/name/Entry), a case file, or a line.
NAMES_SOMETHING = re.compile(
    r"'[A-Z][A-Za-z0-9 +-]*/[^']+'|\.prm|\.msh|line \d+ of|--[a-z]")


def set_lines(lines):
    return [i for i, l in enumerate(lines) if l.strip().startswith("set ")]


def mutate(text, rng):
    lines = text.split("\n")
    kind = rng.choice(["value", "value", "value", "scale", "delete", "duplicate",
                       "swap", "cut", "bytes", "names", "unknown"])
    sets = set_lines(lines)
    if kind == "value" and sets:
        i = rng.choice(sets)
        head = lines[i].split("=", 1)[0]
        lines[i] = head + "= " + rng.choice(JUNK_VALUES)
    elif kind == "scale" and sets:
        # A number made absurd or negative (finite: it passes a pattern).
        i = rng.choice(sets)
        head, _, value = lines[i].partition("=")
        value = value.split("#")[0].strip()
        try:
            number = float(value)
            lines[i] = head + "= " + repr(number * rng.choice([-1, 1e6, 1e-6, 1e12]))
        except ValueError:
            lines[i] = head + "= " + value + "0"
    elif kind == "delete":
        del lines[rng.randrange(len(lines))]
    elif kind == "duplicate":
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == "swap":
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "cut":
        return text[: rng.randrange(len(text))]
    elif kind == "bytes":
        i = rng.randrange(len(text))
        return text[:i] + "".join(chr(rng.randrange(1, 256)) for _ in range(8)) + text[i:]
    elif kind == "names":
        names = [i for i, l in enumerate(lines) if re.search(r"set Names\s*=", l)]
        if names:
            i = rng.choice(names)
            lines[i] = lines[i] + ", " + rng.choice(["bogus", "K+", "cathode", ""])
    elif kind == "unknown":
        i = rng.randrange(len(lines))
        lines.insert(i, rng.choice(["subsection Bogus", "end", "set Bogus = 1",
                                    "include no_such_file.prm", "include"]))
    return "\n".join(lines)


def check(path_and_folder):
    path, folder = path_and_folder
    try:
        run = subprocess.run([NOXFLOW, "--check", path], capture_output=True,
                             timeout=TIME_LIMIT, cwd=folder)
    except subprocess.TimeoutExpired:
        return path, "hang (no exit within %g s)" % TIME_LIMIT, ""
    err = run.stderr.decode(errors="replace")
    if run.returncode < 0:
        return path, "signal %d" % -run.returncode, err
    if STACK_TRACE.search(err):
        return path, "stack trace (exit %d)" % run.returncode, err
    if run.returncode not in (0, 2):
        return path, "exit %d" % run.returncode, err
    if run.returncode == 2 and not NAMES_SOMETHING.search(err):
        return path, "message names no parameter or file", err
    return path, None, "exit %d" % run.returncode


def main():
    rng = random.Random(20261206)
    work = tempfile.mkdtemp(prefix="noxflow-fuzz-")
    files = []
    for n in range(COUNT):
        case = os.path.join(SOURCE, rng.choice(CASES))
        text = open(case).read()
        path = os.path.join(work, "fuzz-%04d.prm" % n)
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as out:
            out.write(mutate(text, rng))
        # Run beside the case: its includes (presets, sibling cases) resolve.
        files.append((path, os.path.dirname(case)))

    problems, exits = [], {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path, problem, detail in pool.map(check, files):
            if problem:
                problems.append((path, problem, detail))
            else:
                exits[detail] = exits.get(detail, 0) + 1
    for path, problem, detail in problems:
        print("FAIL %s: %s\n  %s" % (os.path.basename(path), problem,
                                     detail.strip()[:600].replace("\n", "\n  ")))
    print("%d mutated case files: %s, %d problems" % (
        len(files), ", ".join("%s: %d" % kv for kv in sorted(exits.items())),
        len(problems)))
    if problems:
        print("(the mutated files are kept in %s)" % work)
        return 1
    subprocess.run(["rm", "-rf", work])
    return 0


if __name__ == "__main__":
    sys.exit(main())
