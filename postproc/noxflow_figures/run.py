"""One noxflow run folder: its summary, the rows at the targets, the
electrode distributions and the field files, as the solver writes them
(solver/output/summary_table.cc, solver/simulation.cc, solver/output/field_output.cc)."""

import glob
import math
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

import numpy as np

from . import FiguresError
from .prm import read_prm, split_list


def _float(text):
    try:
        return float(text)
    except ValueError:
        return math.nan


class Run:
    """Reads a run folder; `label` names it in legends."""

    def __init__(self, directory, label=None):
        self.dir = os.path.normpath(directory)
        if not os.path.isdir(self.dir):
            raise FiguresError(f"{self.dir}: no such directory. Fix: give the output "
                               "folder of a noxflow run (its Output/Directory or --output).")
        self.label = label or _default_label(self.dir)
        summary = os.path.join(self.dir, "summary.tsv")
        if not os.path.isfile(summary):
            raise FiguresError(f"{summary} not found: {self.dir} is not a noxflow output "
                               "folder, or its run has not started. Fix: give the folder "
                               "the run wrote (it holds summary.tsv and parameters.prm).")
        with open(summary, encoding="utf-8") as f:
            lines = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        if len(lines) < 2:
            raise FiguresError(f"{summary} has no operating point yet: "
                               f"the run converged none (see {self.dir}/status).")
        self.columns = lines[0]
        # The last row of a running job may be half written: keep full rows.
        rows = [r for r in lines[1:] if len(r) == len(self.columns)]
        self.table = np.array([[_float(x) for x in r] for r in rows])
        prm_file = os.path.join(self.dir, "parameters.prm")
        self.params = read_prm(prm_file) if os.path.isfile(prm_file) else {}
        self.status = _read(os.path.join(self.dir, "status")).strip()
        if self.status.startswith("failed") or self.status.startswith("stopped"):
            print(f"note: {self.dir} did not complete ({self.status}); "
                  "plotting what converged.", file=sys.stderr)

        self.electrodes = [m.group(1) for c in self.columns
                           for m in [re.fullmatch(r"phi_s_(.+)_V", c)] if m]
        # FE_<reaction>; FE_product_<species> columns are products.
        self.reactions = [c[3:] for c in self.columns
                          if c.startswith("FE_") and not c.startswith("FE_product_")]
        self.species = [m.group(1) for c in self.columns
                        for m in [re.fullmatch(r"cout_(.+)_mM", c)] if m]
        self.working = self.params.get("Operation/Working electrode") or self.electrodes[0]
        self.galvanostatic = self.params.get("Operation/Mode", "galvanostatic") == "galvanostatic"
        self.fields = _field_index(self.dir)
        self.targets = self._target_rows()

    def has(self, column):
        return column in self.columns

    def column(self, name):
        return self.table[:, self.columns.index(name)]

    def current_density(self, electrode=None):
        """|j| of an electrode (the working one by default), mA/cm2."""
        return np.abs(self.column(f"j_{electrode or self.working}_mA_cm2"))

    def electrode_files(self, electrode):
        """electrode_<name>-NNNN.tsv in output order: one per target reached."""
        pattern = os.path.join(glob.escape(self.dir), f"electrode_{glob.escape(electrode)}-*.tsv")
        return sorted(glob.glob(pattern))

    def _target_rows(self):
        """Indices of the summary rows at Operation/Targets (the control
        column holds the target value exactly), else at the XDMF times."""
        if "Operation/Targets" in self.params:
            targets = [float(t) for t in split_list(self.params["Operation/Targets"])]
        elif self.fields:
            targets = [e["time"] for e in self.fields]
        else:
            raise FiguresError(f"{self.dir}: neither parameters.prm nor fields.xdmf "
                               "says which rows are targets. Fix: run noxflow into this "
                               "folder again (it writes parameters.prm first).")
        control = self.column("control")
        rows = []
        for t in targets:
            hits = np.nonzero(np.abs(control - t) <= 1e-6 * max(1.0, abs(t)))[0]
            if len(hits):
                rows.append(int(hits[0]))
        return np.array(sorted(set(rows)), dtype=int)

    def field_entry(self, control_value):
        """The fields.xdmf entry written at an operating point, or None."""
        for e in self.fields:
            if abs(e["time"] - control_value) <= 1e-6 * max(1.0, abs(control_value)):
                return e
        return None


def _default_label(directory):
    name = os.path.basename(os.path.abspath(directory))
    # Sweep runs live in runs/NNNN/output: "output" alone says nothing.
    if name == "output":
        name = os.path.basename(os.path.dirname(os.path.abspath(directory)))
    return name


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def _field_index(directory):
    """[{time, nodes: (file, dataset), cells: (...), fields: {name: (...)},
    centers: {name: "Node" or "Cell"}}] from fields/fields.xdmf (empty without
    fields); its file references are relative to fields/."""
    directory = os.path.join(directory, "fields")
    path = os.path.join(directory, "fields.xdmf")
    if not os.path.isfile(path):
        return []
    entries = []

    def ref(item):
        file, _, dataset = item.text.strip().partition(":")
        return os.path.join(directory, file), dataset

    for grid in ElementTree.parse(path).getroot().iter("Grid"):
        if grid.get("GridType") != "Uniform":
            continue
        entry = {"time": float(grid.find("Time").get("Value")),
                 "nodes": ref(grid.find("Geometry/DataItem")),
                 "cells": ref(grid.find("Topology/DataItem")),
                 "topology": grid.find("Topology").get("TopologyType"),
                 "fields": {a.get("Name"): ref(a.find("DataItem"))
                            for a in grid.findall("Attribute")},
                 # "Node" or "Cell": a region_id may come as cell data.
                 "centers": {a.get("Name"): a.get("Center", "Node")
                             for a in grid.findall("Attribute")}}
        entries.append(entry)
    return entries
