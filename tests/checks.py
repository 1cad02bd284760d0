"""A tally of named checks for the Python tests: each failure is printed
when it happens, finish() prints the count and exits non-zero on any."""
import sys

_failures = []
_count = 0


def check(condition, message):
    global _count
    _count += 1
    if not condition:
        _failures.append(message)
        print("FAIL:", message)
    return bool(condition)


def failed():
    return len(_failures)


def finish():
    print(f"{_count - len(_failures)} passed, {len(_failures)} failed")
    sys.exit(1 if _failures else 0)


def rows_at_targets(path, targets):
    """The last row of summary.tsv at @p path for each target (a check
    fails for a target with no accepted point)."""
    import csv
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    result = []
    for t in targets:
        match = [r for r in rows if abs(float(r["control"]) - t) < 1e-9 * t]
        check(match, f"no accepted point at {t} mA/cm2 in {path}")
        if match:
            result.append(match[-1])
    return result
