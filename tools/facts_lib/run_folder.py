"""Reading the results folder of one `firmsim run` (docs/OUTPUTS.md): summary.json,
timeseries.csv, firms.csv, ties.csv and snapshots/firms_<step>.csv, network_<step>.graphml."""
import csv
import json
import math
import os
import re
import xml.etree.ElementTree as ET

SUPPLY_TIE_TYPES = ("subcontracting", "oem", "modular_supply", "second_source")

_STRING_COLUMNS = {"country", "region", "size_class"}
_INT_COLUMNS = {"id", "stage", "alive", "age", "degree", "cooperating", "gvc"}
_SNAPSHOT = re.compile(r"^firms_(\d+)\.csv$")


class RunFolderError(Exception):
    """A folder that is not a readable firmsim results folder."""


def _number(text):
    t = text.strip()
    if t in ("", "NA", "NaN", "nan", "null"):
        return math.nan
    if t in ("Inf", "inf"):
        return math.inf
    if t in ("-Inf", "-inf"):
        return -math.inf
    return float(t)


class FirmTable:
    """The alive firms of one firms.csv as columns (name -> list); absent columns are absent."""

    def __init__(self, path):
        with open(path, newline="") as f:
            reader = csv.reader(f)
            try:
                header = next(reader)
            except StopIteration:
                raise RunFolderError(f"{path}: empty file") from None
            cols = {name: [] for name in header}
            order = [(name, cols[name]) for name in header]
            alive_at = header.index("alive") if "alive" in header else None
            try:
                for row in reader:
                    if not row:
                        continue
                    if len(row) != len(header):
                        raise ValueError(f"{len(row)} fields, the header has {len(header)}")
                    if alive_at is not None and _number(row[alive_at]) == 0:
                        continue
                    for (name, col), text in zip(order, row):
                        if name in _STRING_COLUMNS:
                            col.append(text)
                        elif name in _INT_COLUMNS:
                            v = _number(text)
                            col.append(int(v) if math.isfinite(v) else -1)
                        else:
                            col.append(_number(text))
            except ValueError as e:
                raise RunFolderError(f"{path}, line {reader.line_num}: {e}") from None
        self.columns = cols
        self.size = len(next(iter(cols.values()))) if cols else 0

    def has(self, *names):
        return all(n in self.columns for n in names)

    def __getitem__(self, name):
        return self.columns[name]


def read_graphml_edges(path):
    """(nodes, [(source, target, type), ...]) of a GraphML file; ids as strings."""
    edge_type_key = None
    nodes = []
    edges = []
    try:
        for _, el in ET.iterparse(path, events=("end",)):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "key":
                if el.get("for") == "edge" and el.get("attr.name") == "type":
                    edge_type_key = el.get("id")
            elif tag == "node":
                nodes.append(el.get("id"))
                el.clear()
            elif tag == "edge":
                kind = ""
                for d in el:
                    if d.tag.rsplit("}", 1)[-1] == "data" and d.get("key") == edge_type_key:
                        kind = (d.text or "").strip()
                edges.append((el.get("source"), el.get("target"), kind))
                el.clear()
    except ET.ParseError as e:
        raise RunFolderError(f"{path}: {e}") from None
    return nodes, edges


class RunFolder:
    """One run's results; tables are read when first asked for and kept."""

    def __init__(self, path):
        self.path = path
        summary_path = os.path.join(path, "summary.json")
        if not os.path.isdir(path):
            raise RunFolderError(f"{path}: not a folder")
        if not os.path.isfile(summary_path):
            raise RunFolderError(f"{path}: no summary.json (is this the --out folder of "
                                 "`firmsim run`?)")
        try:
            with open(summary_path) as f:
                self.summary = json.load(f)
        except (OSError, ValueError) as e:
            raise RunFolderError(f"{summary_path}: {e}") from None
        scenario = self.summary.get("scenario") or {}
        self.steps_per_year = int(scenario.get("steps_per_year",
                                               self.summary.get("steps_per_year", 4)))
        self.seed = self.summary.get("seed", scenario.get("seed"))
        self.scenario_name = self.summary.get("scenario_name", scenario.get("name"))
        snap_dir = os.path.join(path, "snapshots")
        steps = []
        if os.path.isdir(snap_dir):
            for name in os.listdir(snap_dir):
                m = _SNAPSHOT.match(name)
                if m:
                    steps.append(int(m.group(1)))
        self.snapshot_steps = sorted(steps)
        self._firms = {}
        self._timeseries = None

    def timeseries(self):
        """{column: [values]} of timeseries.csv ({} when the file is missing)."""
        if self._timeseries is None:
            p = os.path.join(self.path, "timeseries.csv")
            cols = {}
            if os.path.isfile(p):
                with open(p, newline="") as f:
                    reader = csv.reader(f)
                    header = next(reader, [])
                    cols = {name: [] for name in header}
                    try:
                        for row in reader:
                            if len(row) != len(header):
                                continue
                            for name, text in zip(header, row):
                                cols[name].append(_number(text))
                    except ValueError as e:
                        raise RunFolderError(f"{p}, line {reader.line_num}: {e}") from None
            self._timeseries = cols
        return self._timeseries

    def firms(self, step):
        """The alive firms of snapshot `step` (None: the final firms.csv)."""
        if step not in self._firms:
            name = "firms.csv" if step is None else os.path.join("snapshots",
                                                                 f"firms_{step}.csv")
            p = os.path.join(self.path, name)
            if not os.path.isfile(p):
                raise RunFolderError(f"{p}: missing")
            self._firms[step] = FirmTable(p)
        return self._firms[step]

    def has_final_firms(self):
        return os.path.isfile(os.path.join(self.path, "firms.csv"))

    def edges(self, step):
        """[(source, target, type)] alive at snapshot `step` (None: the final ties.csv, or
        network.graphml when ties.csv is missing)."""
        if step is not None:
            p = os.path.join(self.path, "snapshots", f"network_{step}.graphml")
            if os.path.isfile(p):
                return read_graphml_edges(p)[1]
            raise RunFolderError(f"{p}: missing")
        p = os.path.join(self.path, "ties.csv")
        if os.path.isfile(p):
            with open(p, newline="") as f:
                return [(r["source"], r["target"], r["type"]) for r in csv.DictReader(f)]
        p = os.path.join(self.path, "network.graphml")
        if os.path.isfile(p):
            return read_graphml_edges(p)[1]
        raise RunFolderError(f"{self.path}: neither ties.csv nor network.graphml")

    def has_network(self, step):
        if step is None:
            return any(os.path.isfile(os.path.join(self.path, n))
                       for n in ("ties.csv", "network.graphml"))
        return os.path.isfile(os.path.join(self.path, "snapshots", f"network_{step}.graphml"))
