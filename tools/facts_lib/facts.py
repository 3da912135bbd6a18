"""The stylised facts: what each one measures, its published target and the band within
which `tools/facts` says it holds, and the machinery shared by all of them (burn-in, blocks
for the bootstrap, the verdict).

A fact's data come per run as {unit: [items]}, where a unit is what is resampled inside one
run (a firm, a year, a region). With several runs the blocks of the bootstrap are the runs
(each run's items pooled); with one run (or --resample units) they are the units.
"""
import math

from .run_folder import RunFolderError
from .statistics import finite

INF = math.inf


class FactSpec:
    """What a fact is compared with. band = (low, high), either end may be infinite;
    rule 'estimate': holds when the estimate lies in the band; 'ci': when the whole
    interval does (used for sign targets such as 'positive')."""

    def __init__(self, id, title, target, source, band, unit="", rule="estimate"):
        self.id = id
        self.title = title
        self.target = target
        self.source = source
        self.band = band
        self.unit = unit
        self.rule = rule


SPECS = [
    FactSpec("size_tail", "firm sizes: CCDF tail exponent of employees", "1.06 (near 1, Zipf)",
             "Axtell 2001", (0.8, 1.3)),
    FactSpec("growth_shape_employees", "annual growth of employees: Subbotin shape b",
             "1 (Laplace), not 2", "Stanley et al. 1996; Bottazzi & Secchi 2006", (0.6, 1.4)),
    FactSpec("growth_shape_output", "annual growth of output: Subbotin shape b",
             "1 (Laplace), not 2", "Stanley et al. 1996; Bottazzi & Secchi 2006", (0.6, 1.4)),
    FactSpec("productivity_90_10", "productivity 90/10 ratio within a stage", "1.92",
             "Syverson 2004", (1.5, 3.0)),
    FactSpec("exit_rate", "exit rate per year", "a few %", "Dunne et al. 1988", (0.02, 0.10),
             unit="%"),
    FactSpec("entry_rate", "entry rate per year", "a few %, close to exits",
             "Dunne et al. 1988", (0.02, 0.10), unit="%"),
    FactSpec("net_entry_rate", "entry minus exit rate per year", "0 (entry replaces exits)",
             "", (-0.02, 0.02), unit="%"),
    FactSpec("degree_customers", "supply network: CCDF exponent of customers per supplier",
             "1.3-1.4", "Fujiwara & Aoyama 2010", (1.0, 1.7)),
    FactSpec("degree_suppliers", "supply network: CCDF exponent of suppliers per buyer",
             "1.3-1.4", "Fujiwara & Aoyama 2010", (1.0, 1.7)),
    FactSpec("degree_total", "supply network: CCDF exponent of total degree", "1.3-1.4",
             "Fujiwara & Aoyama 2010", (1.0, 1.7)),
    FactSpec("agglomeration_region", "elasticity of productivity to firms in the region",
             "positive", "Ciccone & Hall 1996", (0.0, INF), rule="ci"),
    FactSpec("agglomeration_cell", "elasticity of productivity to firms in the region-stage",
             "positive", "Ciccone & Hall 1996", (0.0, INF), rule="ci"),
    FactSpec("coop_cost_gap", "unit cost of cooperating vs other firms", "10-20% lower",
             "UNCTAD 1997 (MODEL.md 8)", (-0.20, -0.10), unit="%"),
    FactSpec("coop_productivity_gap", "productivity of cooperating vs other firms",
             "up to 25% higher", "UNCTAD 1997 (MODEL.md 8)", (0.0, 0.25), unit="%"),
    FactSpec("gvc_productivity_gap", "productivity of GVC vs other firms", "up to 30% higher",
             "UNCTAD 1997 (MODEL.md 8)", (0.0, 0.30), unit="%"),
    FactSpec("small_world", "clustering / density (random-graph clustering)",
             "several times (>= 3)", "Watts & Strogatz 1998", (3.0, INF)),
]
SPEC_BY_ID = {s.id: s for s in SPECS}


class Context:
    """The runs, the burn-in and how intervals are made."""

    def __init__(self, runs, burn_in, bootstrap, resample="auto"):
        self.runs = runs
        self.burn_in = burn_in
        self.bootstrap = bootstrap
        self.by_runs = resample == "runs" or (resample == "auto" and len(runs) >= 2)
        spy = {r.steps_per_year for r in runs}
        if len(spy) != 1:
            raise RunFolderError(f"the runs differ in steps_per_year: {sorted(spy)}")
        self.steps_per_year = spy.pop()

    def snapshots(self, run):
        return [s for s in run.snapshot_steps if s >= self.burn_in]

    def last_snapshot(self, run):
        """The last snapshot step after burn-in; None (the final firms.csv) when there are no
        snapshots at all; -1 when every snapshot falls in the burn-in."""
        if not run.snapshot_steps:
            return None
        s = self.snapshots(run)
        return s[-1] if s else -1

    def blocks(self, per_run):
        """per_run: [{unit: [items]}] -> (blocks, what they are)."""
        if self.by_runs:
            blocks = [[it for items in units.values() for it in items] for units in per_run]
            blocks = [b for b in blocks if b]
            return blocks, f"runs ({len(blocks)})"
        blocks = [items for units in per_run for items in units.values() if items]
        return blocks, None


def result(spec, estimate=None, interval=(math.nan, math.nan, 0), n=0, resampled="",
           details=None, note=""):
    """A fact's outcome as a plain dict (what --json prints)."""
    lo, hi, used = interval
    est = estimate if finite(estimate) else None
    ci = [lo, hi] if finite(lo) and finite(hi) else None
    return {
        "id": spec.id,
        "title": spec.title,
        "estimate": est,
        "ci95": ci,
        "ci_method": (f"percentile bootstrap over {resampled}, {used} replicates"
                      if ci else ""),
        "target": spec.target,
        "source": spec.source,
        "band": [None if math.isinf(b) else b for b in spec.band],
        "unit": "share" if spec.unit == "%" else "",
        "holds": verdict(spec, est, ci),
        "n": n,
        "details": details or {},
        "note": note,
    }


def verdict(spec, est, ci):
    """True / False when the estimate (or, for rule 'ci', its interval) lies in the band;
    None without an estimate."""
    if est is None:
        return None
    lo, hi = spec.band
    if spec.rule == "ci" and ci is not None:
        return lo <= ci[0] and ci[1] <= hi and lo < est
    return lo <= est <= hi


def interval(ctx, spec, n_blocks, statistic):
    return ctx.bootstrap.interval(n_blocks, statistic, spec.id)


def missing(spec, why):
    return result(spec, note=why)
