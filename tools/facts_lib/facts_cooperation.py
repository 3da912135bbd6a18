"""Cooperation effects (issue 4 item 7): unit cost and productivity of firms in cooperative
ties, and productivity of firms in global value chains, against the other firms of the same
stage and size class, in the same country, at the same moment.

Within each (run, snapshot, stage, size class, country) cell that holds both kinds of firm, d
is the difference of mean logs; cells are pooled with weights n1 n0 / (n1 + n0), which makes
the pooled d the OLS coefficient of a dummy in a regression with cell fixed effects. The gap
is exp(d) - 1 (a relative difference of geometric means).

Why the country is held fixed: "comparable firms outside" (MODEL.md 8) are firms that face the
same wages, institutions and markets; the studies behind the targets compare firms within one
national economy. Pooling countries whose wages differ threefold measures the country mix
(northern firms pay more and cooperate more), not what a tie does. The estimate within stage
and size class only (countries pooled) is reported beside it (details: stage_size_estimate)."""
import math
from collections import defaultdict

from .facts import SPEC_BY_ID, interval, missing, result
from .statistics import mean

GAPS = (("coop_cost_gap", "cooperating", "unit_cost"),
        ("coop_productivity_gap", "cooperating", "productivity"),
        ("gvc_productivity_gap", "gvc", "productivity"))


def _cell_gaps(table, flag, column, by_country=True):
    cells = defaultdict(lambda: ([], []))
    countries = table["country"] if by_country else [None] * len(table[flag])
    for f, s, c, k, v in zip(table[flag], table["stage"], table["size_class"], countries,
                             table[column]):
        if v > 0 and math.isfinite(v) and f in (0, 1):
            cells[(s, c, k)][f].append(math.log(v))
    out = []
    for without, with_ in cells.values():
        n0, n1 = len(without), len(with_)
        if n0 and n1:
            out.append((n1 * n0 / (n1 + n0), mean(with_) - mean(without)))
    return out


def _pooled(ctx, spec, flag, column, by_country):
    """(estimate, interval, cells, resampled) or None, why."""
    per_run, why = [], ""
    for run in ctx.runs:
        units = {}
        for step in ctx.snapshots(run):
            t = run.firms(step)
            if not t.has(flag, column, "stage", "size_class", "country"):
                why = f"snapshots lack a {flag}, {column} or country column"
                break
            gaps = _cell_gaps(t, flag, column, by_country)
            if gaps:
                units[step] = gaps
        if units:
            per_run.append(units)
    if not per_run:
        return None, why
    blocks, what = ctx.blocks(per_run)
    sums = [(sum(w * d for w, d in b), sum(w for w, _ in b)) for b in blocks]

    def stat(idx, sums=sums):
        w = sum(sums[i][1] for i in idx)
        return math.expm1(sum(sums[i][0] for i in idx) / w) if w > 0 else None

    n = sum(len(b) for b in blocks)
    return (stat(range(len(blocks))), interval(ctx, spec, len(blocks), stat), n,
            what or f"years ({len(blocks)})"), ""


def cooperation_gaps(ctx):
    out = []
    for fact_id, flag, column in GAPS:
        spec = SPEC_BY_ID[fact_id]
        found, why = _pooled(ctx, spec, flag, column, True)
        if found is None:
            out.append(missing(spec, why or f"no stage, size class and country with firms both "
                                            f"with and without {flag} after burn-in"))
            continue
        estimate, ci, n, what = found
        pooled, _ = _pooled(ctx, spec, flag, column, False)
        details = {"cells": n, "within": "run x snapshot x stage x size class x country",
                   "measure": f"geometric mean of {column}, {flag} = 1 vs 0"}
        if pooled is not None:
            details["stage_size_estimate"] = pooled[0]
            details["stage_size_ci95"] = [pooled[1][0], pooled[1][1]]
        out.append(result(spec, estimate, ci, n=n, resampled=what, details=details))
    return out
