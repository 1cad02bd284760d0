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
