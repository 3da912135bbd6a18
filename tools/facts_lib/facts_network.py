"""Facts of the network: degree tails of the production (supply) network and the small-world
ratio of the whole tie network."""
import math
from collections import defaultdict

from .facts import SPEC_BY_ID, interval, missing, result
from .facts_population import tail_fact
from .run_folder import SUPPLY_TIE_TYPES
from .statistics import mean


def supply_degrees(edges):
    """(customers, suppliers, partners) per firm over supply ties, counting distinct firms:
    the source of a supply tie supplies its target."""
    customers, suppliers = defaultdict(set), defaultdict(set)
    for s, t, kind in edges:
        if kind in SUPPLY_TIE_TYPES and s != t:
            customers[s].add(t)
            suppliers[t].add(s)
    firms = set(customers) | set(suppliers)
    return ({f: len(customers[f]) for f in firms if customers[f]},
            {f: len(suppliers[f]) for f in firms if suppliers[f]},
            {f: len(customers[f] | suppliers[f]) for f in firms})


def degree_tails(ctx):
    specs = [SPEC_BY_ID[k] for k in ("degree_customers", "degree_suppliers", "degree_total")]
    per_kind = [[], [], []]
    steps, ties = [], 0
    for run in ctx.runs:
        step = ctx.last_snapshot(run)
        if step == -1 or not run.has_network(step):
            continue
        edges = run.edges(step)
        supply = [e for e in edges if e[2] in SUPPLY_TIE_TYPES]
        ties += len(supply)
        steps.append(step)
        for k, degrees in enumerate(supply_degrees(supply)):
            per_kind[k].append({f: [d] for f, d in degrees.items()})
    if not steps:
        return [missing(s, "no network snapshot after burn-in (nor ties.csv)") for s in specs]
    extra = {"snapshot_steps": steps, "supply_ties": ties, "types": list(SUPPLY_TIE_TYPES)}
    return [tail_fact(ctx, spec, per_run, "firms", extra)
            for spec, per_run in zip(specs, per_kind)]


def small_world(ctx):
    """Mean over steps after burn-in of clustering / density: the clustering coefficient of
    G(n, p) with the same density is p."""
    spec = SPEC_BY_ID["small_world"]
    per_run = []
    clustering, density = [], []
    for run in ctx.runs:
        ts = run.timeseries()
        if not all(c in ts for c in ("step", "clustering", "density")):
            return missing(spec, "timeseries.csv lacks clustering or density")
        units = defaultdict(list)
        for s, c, d in zip(ts["step"], ts["clustering"], ts["density"]):
            if s >= ctx.burn_in and math.isfinite(c) and math.isfinite(d) and d > 0:
                units[int(s - ctx.burn_in) // ctx.steps_per_year].append(c / d)
                clustering.append(c)
                density.append(d)
        if units:
            per_run.append(dict(units))
    if not per_run:
        return missing(spec, "no step after burn-in with clustering and a positive density")
    blocks, what = ctx.blocks(per_run)

    def stat(idx):
        return mean(v for i in idx for v in blocks[i])

    return result(spec, stat(range(len(blocks))), interval(ctx, spec, len(blocks), stat),
                  n=len(clustering), resampled=what or f"years ({len(blocks)})",
                  details={"mean_clustering": mean(clustering), "mean_density": mean(density)})
