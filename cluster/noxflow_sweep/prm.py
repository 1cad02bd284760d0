"""Reading and editing deal.II ParameterHandler (.prm) text.

Only what sweeps need: the path of every `set` line (`Flow/Mean velocity`),
replacing or inserting values, and inlining `include` lines so that a run's
case file stands alone."""

import os
import re

from . import SweepError

_SET = re.compile(r"^(\s*)set\s+([^=]+?)\s*=\s*(.*)$")
_SUBSECTION = re.compile(r"^\s*subsection\s+(.+?)\s*$")
_END = re.compile(r"^\s*end\s*$")
# The shipped presets, as the solver searches them (solver/case/case_includes.cc).
_PRESETS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "..", "cases", "presets")
_INCLUDE = re.compile(r"^\s*include\s+(.+?)\s*$")


def _strip_comment(line):
    # deal.II: '#' starts a comment; '\#' would be a literal, not used here.
    return line.split("#", 1)[0].rstrip()


def inline_includes(path, seen=()):
    """Text of a case file with every `include FILE` replaced by the file's
    text (FILE relative to the including file, else to the working folder, else
    among the shipped presets)."""
    path = os.path.abspath(path)
    if path in seen:
        raise SweepError(f"{path} includes itself")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise SweepError(f"cannot read case file {path}: {e.strerror}") from e
    out = []
    for line in lines:
        m = _INCLUDE.match(_strip_comment(line))
        if not m:
            out.append(line)
            continue
        name = m.group(1)
        candidates = [os.path.join(os.path.dirname(path), name), name,
                      os.path.join(_PRESETS, name)]
        found = next((c for c in candidates if os.path.isfile(c)), None)
        if found is None:
            raise SweepError(f"{path}: included file '{name}' not found")
        out.append(f"# ---- begin include {name}")
        out.extend(inline_includes(found, seen + (path,)).splitlines())
        out.append(f"# ---- end include {name}")
    return "\n".join(out) + "\n"


class PrmText:
    """The lines of a .prm file with the path of each `set` line."""

    def __init__(self, text):
        self.lines = text.splitlines()

    def entries(self):
        """Yields (line index, path, value, subsection stack) per `set`."""
        stack = []
        for i, line in enumerate(self.lines):
            code = _strip_comment(line)
            m = _SET.match(code)
            if m:
                yield i, "/".join(stack + [m.group(2).strip()]), m.group(3).strip(), list(stack)
                continue
            m = _SUBSECTION.match(code)
            if m:
                stack.append(m.group(1))
            elif _END.match(code) and stack:
                stack.pop()

    def values(self):
        """{path: value} of every parameter set in the text."""
        return {p: v for _, p, v, _ in self.entries()}

    def set(self, path, value, note):
        """Sets `path` to `value`: replaces its `set` line, or inserts one
        (and the subsections it needs) at the end of the deepest subsection
        of `path` that exists."""
        line = None
        for i, p, _, _ in self.entries():
            if p == path:
                line = i
        parts = path.split("/")
        if line is not None:
            indent = _SET.match(_strip_comment(self.lines[line])).group(1)
            self.lines[line] = f"{indent}set {parts[-1]} = {value}   # {note}"
            return
        # Insert before the 'end' of the deepest subsection on the path.
        depth, insert_at, stack = 0, len(self.lines), []
        for i, line_text in enumerate(self.lines):
            code = _strip_comment(line_text)
            m = _SUBSECTION.match(code)
            if m:
                stack.append(m.group(1))
            elif _END.match(code) and stack:
                n = len(stack)
                if n < len(parts) and stack == parts[:n] and n > depth:
                    depth, insert_at = n, i
                stack.pop()
        new = []
        for k in range(depth, len(parts) - 1):
            new.append("  " * k + f"subsection {parts[k]}")
        new.append("  " * (len(parts) - 1) + f"set {parts[-1]} = {value}   # {note}")
        for k in reversed(range(depth, len(parts) - 1)):
            new.append("  " * k + "end")
        self.lines[insert_at:insert_at] = new

    def text(self):
        return "\n".join(self.lines) + "\n"


def declared(listing_text, path):
    """Whether `path` is declared in a `noxflow --print-parameters` listing;
    an upper-case subsection there (REACTION, SPECIES) stands for any name."""
    parts = path.split("/")
    for known in PrmText(listing_text).values():
        k = known.split("/")
        if len(k) == len(parts) and all(
            a == b or (a.isupper() and a.isalpha()) for a, b in zip(k, parts)
        ):
            return True
    return False


# Units as the parameter documentation writes them: "m/s", "mol/m3", "Pa s",
# "m3/(mol s)", "1/m". An atom is an optional SI prefix, a unit and an
# exponent; whole words like "water" or "3D" never match.
_ATOM = r"(?:[kmunc]?(?:mol|min|Ohm|Pa|Hz|bar|[mMsLgVASKCWJNh]))(?:-?[0-9])?"
_PRODUCT = rf"{_ATOM}(?: {_ATOM})*"
_DENOMINATOR = rf"(?:{_PRODUCT}|\({_PRODUCT}\))"
_UNIT = rf"(?:{_PRODUCT}(?:/{_DENOMINATOR})?|1/{_DENOMINATOR})"
# Where the documentation states a unit: ", m/s.", "Thickness in m, > 0",
# "m2: one value ...", each followed by punctuation, a parenthesis or the end.
_UNIT_AT = re.compile(rf"(?:^|,\s+|\bin\s+)({_UNIT})(?=\s*(?:[.,;:(]|$))")
# Entries documented without a unit that are pure numbers.
_DIMENSIONLESS = re.compile(r"\(-\)|Largest/smallest|-log10|\b(?:fraction|factor|ratio|cells|"
                            r"iterations|refinements|number)\b", re.IGNORECASE)


def _unit_of(path, comment):
    """The unit a parameter's documentation states ('m/s'; 'mA/cm2 or V'
    when it names several), '-' for a pure number, None if it says none."""
    found = []
    for unit in _UNIT_AT.findall(comment):
        if unit not in found:
            found.append(unit)
    if found:
        return " or ".join(found)
    if _DIMENSIONLESS.search(comment) or _DIMENSIONLESS.search(path.rsplit("/", 1)[-1]):
        return "-"
    return None


def parameter_units(text):
    """{path: unit or None} from a parameter listing with its documentation
    (`noxflow --print-parameters`, or a run's parameters.prm): the comment
    lines just above each `set` state its unit."""
    units, stack, comment = {}, [], []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comment.append(stripped.lstrip("#").strip())
            continue
        code = _strip_comment(line)
        m = _SET.match(code)
        if m:
            path = "/".join(stack + [m.group(2).strip()])
            units[path] = _unit_of(path, " ".join(comment))
        elif _SUBSECTION.match(code):
            stack.append(_SUBSECTION.match(code).group(1))
        elif _END.match(code) and stack:
            stack.pop()
        comment = []
    return units
