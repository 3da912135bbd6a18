"""Cooperation effects (issue 4 item 7): unit cost and productivity of firms in cooperative
ties, and productivity of firms in global value chains, against the other firms of the same
stage and size class at the same moment.

Within each (run, snapshot, stage, size class) cell that holds both kinds of firm, d is the
difference of mean logs; cells are pooled with weights n1 n0 / (n1 + n0), which makes the
pooled d the OLS coefficient of a dummy in a regression with cell fixed effects. The gap is
exp(d) - 1 (a relative difference of geometric means)."""
import math
from collections import defaultdict

from .facts import SPEC_BY_ID, interval, missing, result
from .statistics import mean

GAPS = (("coop_cost_gap", "cooperating", "unit_cost"),
        ("coop_productivity_gap", "cooperating", "productivity"),
        ("gvc_productivity_gap", "gvc", "productivity"))


def _cell_gaps(table, flag, column):
    cells = defaultdict(lambda: ([], []))
    for f, s, c, v in zip(table[flag], table["stage"], table["size_class"], table[column]):
        if v > 0 and math.isfinite(v) and f in (0, 1):
            cells[(s, c)][f].append(math.log(v))
    out = []
    for without, with_ in cells.values():
        n0, n1 = len(without), len(with_)
        if n0 and n1:
            out.append((n1 * n0 / (n1 + n0), mean(with_) - mean(without)))
    return out


def cooperation_gaps(ctx):
    out = []
    for fact_id, flag, column in GAPS:
        spec = SPEC_BY_ID[fact_id]
        per_run, why = [], ""
        for run in ctx.runs:
            units = {}
            for step in ctx.snapshots(run):
                t = run.firms(step)
                if not t.has(flag, column, "stage", "size_class"):
                    why = f"snapshots lack a {flag} or {column} column"
                    break
                gaps = _cell_gaps(t, flag, column)
                if gaps:
                    units[step] = gaps
            if units:
                per_run.append(units)
        if not per_run:
            out.append(missing(spec, why or f"no stage and size class with firms both with "
                                            f"and without {flag} after burn-in"))
            continue
        blocks, what = ctx.blocks(per_run)
        sums = [(sum(w * d for w, d in b), sum(w for w, _ in b)) for b in blocks]

        def stat(idx, sums=sums):
            w = sum(sums[i][1] for i in idx)
            return math.expm1(sum(sums[i][0] for i in idx) / w) if w > 0 else None

        n = sum(len(b) for b in blocks)
        out.append(result(spec, stat(range(len(blocks))), interval(ctx, spec, len(blocks), stat),
                          n=n, resampled=what or f"years ({len(blocks)})",
                          details={"cells": n, "within": "run x snapshot x stage x size class",
                                   "measure": f"geometric mean of {column}, {flag} = 1 vs 0"}))
    return out
