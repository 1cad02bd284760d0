"""The values of a deal.II parameter listing (a run's parameters.prm)."""

import re

_SET = re.compile(r"^\s*set\s+([^=]+?)\s*=\s*(.*)$")
_SUBSECTION = re.compile(r"^\s*subsection\s+(.+?)\s*$")
_END = re.compile(r"^\s*end\s*$")


def read_prm(path):
    """{"Operation/Targets": "20, 50", ...} of every `set` line of a file."""
    values, stack = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            # The listing appends "# default: ..." to changed values.
            code = line.split("#", 1)[0].rstrip()
            m = _SET.match(code)
            if m:
                values["/".join(stack + [m.group(1).strip()])] = m.group(2).strip()
            elif _SUBSECTION.match(code):
                stack.append(_SUBSECTION.match(code).group(1))
            elif _END.match(code) and stack:
                stack.pop()
    return values


def split_list(value):
    """'a, b , c' -> ['a', 'b', 'c']."""
    return [x.strip() for x in value.split(",") if x.strip()]


def stoichiometry(value):
    """'NO2-: -1, NH3: 1' -> {'NO2-': -1.0, 'NH3': 1.0}."""
    out = {}
    for item in split_list(value):
        name, _, nu = item.rpartition(":")
        out[name.strip()] = float(nu)
    return out
