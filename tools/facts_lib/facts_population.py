"""Facts of the firm population: the size tail, the shape of growth rates, productivity
dispersion within a stage, entry and exit, and agglomeration."""
import math
from collections import defaultdict

from .facts import SPEC_BY_ID, interval, missing, result
from .power_law import fit_power_law
from .statistics import mean, quantile
from .subbotin import SubbotinBlocks

MIN_FIRMS_PER_STAGE = 10  # for a 90/10 ratio
MIN_FIRMS_PER_CELL = 3    # for a cell's mean log productivity


def cross_section(ctx, run):
    """(step, table) of the last snapshot after burn-in, the final firms.csv when the run
    has no snapshots, or (None, None)."""
    step = ctx.last_snapshot(run)
    if step == -1:
        return None, None
    if step is None and not run.has_final_firms():
        return None, None
    return step, run.firms(step)


def tail_fact(ctx, spec, per_run, unit_name, extra=None):
    """A CSN tail fit of values pooled over runs, with its bootstrap interval."""
    blocks, what = ctx.blocks(per_run)
    values = [v for b in blocks for v in b]
    fit = fit_power_law(values)
    if fit is None:
        return missing(spec, f"too few positive values for a tail fit ({len(values)})")

    def stat(idx):
        f = fit_power_law([v for i in idx for v in blocks[i]])
        return None if f is None else f.ccdf_exponent

    details = fit.as_dict()
    details.update(extra or {})
    return result(spec, fit.ccdf_exponent, interval(ctx, spec, len(blocks), stat), n=len(values),
                  resampled=what or f"{unit_name} ({len(blocks)})", details=details)


def size_tail(ctx):
    spec = SPEC_BY_ID["size_tail"]
    per_run, steps = [], []
    for run in ctx.runs:
        step, t = cross_section(ctx, run)
        if t is None or not t.has("employees"):
            continue
        ids = t["id"] if t.has("id") else range(t.size)
        per_run.append({i: [e] for i, e in zip(ids, t["employees"]) if e > 0})
        steps.append(step)
    if not per_run:
        return missing(spec, "no snapshot after burn-in with an employees column")
    return tail_fact(ctx, spec, per_run, "firms", {"snapshot_steps": steps})


def _yearly_pairs(ctx, run):
    """Non-overlapping (t, t + one year) pairs of snapshot steps after burn-in."""
    steps = ctx.snapshots(run)
    have = set(steps)
    pairs, last = [], None
    for s in steps:
        if (last is None or s >= last + ctx.steps_per_year) and s + ctx.steps_per_year in have:
            pairs.append((s, s + ctx.steps_per_year))
            last = s
    return pairs


MIN_FIRMS_PER_GROWTH_GROUP = 20  # rates in a (run, year, stage) group for its location and scale


def _standardised(rates):
    """(i, (g - mean) / mean absolute deviation) of a group's (i, g) rates, or [] when the group
    is too small or has no spread."""
    if len(rates) < MIN_FIRMS_PER_GROWTH_GROUP:
        return []
    m = mean(g for _, g in rates)
    d = mean(abs(g - m) for _, g in rates)
    return [(i, (g - m) / d) for i, g in rates] if d > 0 else []


def growth_shape(ctx, column):
    """The Subbotin shape of annual log growth rates, each stage (industry) of each run and year
    demeaned and divided by its mean absolute deviation before pooling: the shape is a
    property of each industry's distribution (Bottazzi & Secchi fit it sector by sector), and
    pooling stages whose growth rates differ in scale would add a scale mixture, which alone
    makes a pooled density more peaked than its parts. The details give each stage's own
    shape and the shape of the rates pooled without scaling."""
    spec = SPEC_BY_ID[f"growth_shape_{column}"]
    per_run, n_pairs, dropped = [], 0, 0
    by_stage, raw = defaultdict(list), []
    for run in ctx.runs:
        units = defaultdict(list)
        for t0, t1 in _yearly_pairs(ctx, run):
            a, b = run.firms(t0), run.firms(t1)
            if not (a.has("id", column) and b.has("id", column)):
                return missing(spec, f"snapshots lack an id or {column} column")
            stages = a["stage"] if a.has("stage") else [0] * a.size
            before = {i: (v, s) for i, v, s in zip(a["id"], a[column], stages)
                      if v > 0 and math.isfinite(v)}
            groups = defaultdict(list)
            for i, v in zip(b["id"], b[column]):
                if i in before and v > 0 and math.isfinite(v):
                    groups[before[i][1]].append((i, math.log(v / before[i][0])))
            used = False
            for stage, rates in groups.items():
                z = _standardised(rates)
                dropped += len(rates) - len(z)
                if z:
                    m = mean(g for _, g in rates)
                    raw.extend(g - m for _, g in rates)
                for i, g in z:
                    units[i].append(g)
                    by_stage[stage].append(g)
                used = used or bool(z)
            n_pairs += used
        if units:
            per_run.append(dict(units))
    if not per_run:
        return missing(spec, "no pair of snapshots one year apart after burn-in "
                             "(run with --snapshot-every 4 and more steps)")
    blocks, what = ctx.blocks(per_run)
    n = sum(len(b) for b in blocks)
    if n < 10:
        return missing(spec, f"too few growth rates ({n})")
    fit = SubbotinBlocks(blocks)
    # Each stage's shape from one fit with a block per stage (location shared: every group is
    # centred already), so the details cost one more pass over the rates, not one per stage.
    stages = [s for s, g in sorted(by_stage.items()) if len(g) >= 10]
    per_stage = SubbotinBlocks([by_stage[s] for s in stages]) if stages else None
    stage_shapes = {str(s): round(per_stage.shape_of([k]), 3) for k, s in enumerate(stages)}
    details = {"year_pairs": n_pairs, "standardised": "per run, year and stage: demeaned, "
               "divided by the mean absolute deviation",
               "shape_by_stage": stage_shapes,
               "shape_pooled_unscaled": round(SubbotinBlocks([raw]).shape, 3),
               "rates_in_small_groups_left_out": dropped}
    return result(spec, fit.shape, interval(ctx, spec, len(blocks), fit.shape_of), n=n,
                  resampled=what or f"firms ({len(blocks)})", details=details)


def productivity_dispersion(ctx):
    spec = SPEC_BY_ID["productivity_90_10"]
    per_run, by_stage = [], defaultdict(list)
    for run in ctx.runs:
        units = {}
        for step in ctx.snapshots(run):
            t = run.firms(step)
            if not t.has("stage", "productivity"):
                return missing(spec, "snapshots lack a stage or productivity column")
            stages = defaultdict(list)
            for s, a in zip(t["stage"], t["productivity"]):
                if a > 0 and math.isfinite(a):
                    stages[s].append(a)
            ratios = []
            for s, values in sorted(stages.items()):
                if len(values) < MIN_FIRMS_PER_STAGE:
                    continue
                values.sort()
                r = quantile(values, 0.9) / quantile(values, 0.1)
                ratios.append(r)
                by_stage[s].append(r)
            if ratios:
                units[step] = ratios
        if units:
            per_run.append(units)
    if not per_run:
        return missing(spec, f"no snapshot after burn-in with {MIN_FIRMS_PER_STAGE}+ firms "
                             "in a stage")
    blocks, what = ctx.blocks(per_run)
    n = sum(len(b) for b in blocks)
    details = {"per_stage": {str(s): mean(v) for s, v in sorted(by_stage.items())},
               "stage_snapshots": n}

    def stat(idx):
        return mean(r for i in idx for r in blocks[i])

    return result(spec, stat(range(len(blocks))), interval(ctx, spec, len(blocks), stat), n=n,
                  resampled=what or f"years ({len(blocks)})", details=details)


def _yearly_rates(ctx, run):
    """{year: [(exit rate, entry rate)]} over complete years after burn-in."""
    ts = run.timeseries()
    if not all(c in ts for c in ("step", "firms", "entries", "exits")):
        return None
    row = {int(s): k for k, s in enumerate(ts["step"]) if math.isfinite(s)}
    spy = ctx.steps_per_year
    out = {}
    year = 0
    while True:
        start = ctx.burn_in + year * spy
        steps = range(start, start + spy)
        if not all(s in row for s in steps):
            break
        k0 = row[start]
        if start - 1 in row:
            firms0 = ts["firms"][row[start - 1]]
        else:
            firms0 = ts["firms"][k0] - ts["entries"][k0] + ts["exits"][k0]
        exits = sum(ts["exits"][row[s]] for s in steps)
        entries = sum(ts["entries"][row[s]] for s in steps)
        if firms0 > 0 and math.isfinite(exits) and math.isfinite(entries):
            out[year] = [(exits / firms0, entries / firms0)]
        year += 1
    return out


def turnover(ctx):
    """exit_rate, entry_rate and net_entry_rate from timeseries.csv."""
    specs = [SPEC_BY_ID[k] for k in ("exit_rate", "entry_rate", "net_entry_rate")]
    per_run = []
    for run in ctx.runs:
        rates = _yearly_rates(ctx, run)
        if rates is None:
            return [missing(s, "timeseries.csv lacks step, firms, entries or exits")
                    for s in specs]
        if rates:
            per_run.append(rates)
    if not per_run:
        return [missing(s, "no complete year after burn-in in timeseries.csv") for s in specs]
    blocks, what = ctx.blocks(per_run)
    n = sum(len(b) for b in blocks)
    pick = [lambda r: r[0], lambda r: r[1], lambda r: r[1] - r[0]]
    out = []
    for spec, f in zip(specs, pick):
        def stat(idx, f=f):
            return mean(f(r) for i in idx for r in blocks[i])

        out.append(result(spec, stat(range(len(blocks))),
                          interval(ctx, spec, len(blocks), stat), n=n,
                          resampled=what or f"years ({len(blocks)})",
                          details={"years": n, "steps_per_year": ctx.steps_per_year}))
    return out


def agglomeration(ctx):
    """OLS of a (region, stage) cell's mean log productivity on log firms in the region (or
    in the cell), within run x snapshot x stage (fixed effects), resampling regions."""
    specs = [SPEC_BY_ID["agglomeration_region"], SPEC_BY_ID["agglomeration_cell"]]
    groups = [defaultdict(list), defaultdict(list)]  # (run, step, stage) -> [(x, y, region)]
    n_cells = 0
    for r, run in enumerate(ctx.runs):
        for step in ctx.snapshots(run):
            t = run.firms(step)
            if not t.has("region", "stage", "productivity"):
                return [missing(s, "snapshots lack region, stage or productivity")
                        for s in specs]
            in_region = defaultdict(int)
            cells = defaultdict(list)
            for g, s, a in zip(t["region"], t["stage"], t["productivity"]):
                in_region[g] += 1
                if a > 0 and math.isfinite(a):
                    cells[(g, s)].append(math.log(a))
            for (g, s), logs in cells.items():
                if len(logs) < MIN_FIRMS_PER_CELL:
                    continue
                y = mean(logs)
                groups[0][(r, step, s)].append((math.log(in_region[g]), y, (r, g)))
                groups[1][(r, step, s)].append((math.log(len(logs)), y, (r, g)))
                n_cells += 1
    out = []
    for spec, grp in zip(specs, groups):
        per_run = [defaultdict(list) for _ in ctx.runs]
        regions = set()
        for rows in grp.values():
            if len(rows) < 2:
                continue
            mx = mean(x for x, _, _ in rows)
            my = mean(y for _, y, _ in rows)
            for x, y, (r, g) in rows:
                per_run[r][g].append(((x - mx) * (y - my), (x - mx) ** 2))
                regions.add((r, g))
        blocks, what = ctx.blocks([dict(u) for u in per_run])
        sums = [(sum(a for a, _ in b), sum(c for _, c in b)) for b in blocks]

        def stat(idx, sums=sums):
            sxx = sum(sums[i][1] for i in idx)
            return sum(sums[i][0] for i in idx) / sxx if sxx > 0 else None

        if not blocks or stat(range(len(blocks))) is None:
            out.append(missing(spec, "no variation in cluster size within a stage after "
                                     "burn-in"))
            continue
        n = sum(len(b) for b in blocks)
        out.append(result(spec, stat(range(len(blocks))), interval(ctx, spec, len(blocks), stat),
                          n=n, resampled=what or f"regions ({len(blocks)})",
                          details={"cells": n, "regions": len(regions),
                                   "fixed_effects": "run x snapshot x stage"}))
    return out
