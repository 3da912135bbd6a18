"""All facts of a set of runs, as a text table or a JSON document."""
import json
import math

from .facts import SPEC_BY_ID, SPECS
from .facts_cooperation import cooperation_gaps
from .facts_network import degree_tails, small_world
from .facts_population import (agglomeration, growth_shape, productivity_dispersion,
                               size_tail, turnover)


def compute_facts(ctx):
    """Every fact, in the order of SPECS."""
    found = [size_tail(ctx), growth_shape(ctx, "employees"), growth_shape(ctx, "output"),
             productivity_dispersion(ctx)]
    found += turnover(ctx) + degree_tails(ctx) + agglomeration(ctx) + cooperation_gaps(ctx)
    found.append(small_world(ctx))
    by_id = {f["id"]: f for f in found}
    return [by_id[s.id] for s in SPECS]


def _clean(v):
    """JSON has no NaN: non-finite numbers become null."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def document(ctx, facts):
    runs = [{"dir": r.path, "seed": r.seed, "scenario": r.scenario_name,
             "snapshots_after_burn_in": len(ctx.snapshots(r))} for r in ctx.runs]
    assessed = [f for f in facts if f["holds"] is not None]
    return _clean({
        "program": "firmsim facts",
        "runs": runs,
        "burn_in_steps": ctx.burn_in,
        "steps_per_year": ctx.steps_per_year,
        "bootstrap": {"replicates": ctx.bootstrap.replicates, "seed": ctx.bootstrap.seed,
                      "level": ctx.bootstrap.level,
                      "over": "runs" if ctx.by_runs else "units within runs"},
        "facts": facts,
        "assessed": len(assessed),
        "holding": sum(1 for f in assessed if f["holds"]),
    })


def to_json(ctx, facts):
    return json.dumps(document(ctx, facts), indent=2)


def _num(v, unit):
    if v is None:
        return "n/a"
    if unit == "%":
        return f"{100 * v:.1f}%"
    return f"{v:.3f}" if abs(v) < 100 else f"{v:.1f}"


def _band(spec):
    lo, hi = spec.band
    u = spec.unit
    if math.isinf(hi):
        return (f"CI > {_num(lo, u)}" if spec.rule == "ci" else f">= {_num(lo, u)}")
    return f"{_num(lo, u)} .. {_num(hi, u)}"


def _details(f):
    d = f["details"]
    fid = f["id"]
    parts = []
    if "xmin" in d:
        parts.append(f"x_min {d['xmin']:g}, {d['n_tail']} of {d['n']} in the tail, "
                     f"KS {d['ks']:.3f}, {'discrete' if d['discrete'] else 'continuous'} MLE")
    elif fid.startswith("growth_shape"):
        parts.append(f"{f['n']} rates from {d['year_pairs']} year pairs, standardised per run, "
                     "year and stage; per stage " + ", ".join(
                         f"{s}: {v:.2f}" for s, v in d["shape_by_stage"].items()) +
                     f"; pooled unscaled {d['shape_pooled_unscaled']:.2f}")
    elif fid == "productivity_90_10":
        parts.append("per stage " + ", ".join(f"{s}: {v:.2f}" for s, v in
                                               d["per_stage"].items()))
    elif "years" in d:
        parts.append(f"{d['years']} run-years")
    elif fid.startswith("agglomeration"):
        parts.append(f"{d['cells']} cells in {d['regions']} regions, within "
                     f"{d['fixed_effects']}")
    elif fid.endswith("_gap"):
        parts.append(f"{d['cells']} stage x size-class x country cells")
        if d.get("stage_size_estimate") is not None:
            lo, hi = d.get("stage_size_ci95") or (None, None)
            ci = (f" [{_num(lo, '%')}, {_num(hi, '%')}]" if lo is not None and hi is not None
                  and math.isfinite(lo) and math.isfinite(hi) else "")
            parts.append(f"countries pooled (stage x size class only): "
                         f"{_num(d['stage_size_estimate'], '%')}{ci}")
    elif fid == "small_world":
        parts.append(f"clustering {d['mean_clustering']:.3f}, density "
                     f"{d['mean_density']:.4g}")
    if f["ci_method"]:
        parts.append("CI " + f["ci_method"].replace("percentile bootstrap ", ""))
    if f["source"]:
        parts.append(f["source"])
    return "; ".join(parts)


def to_text(ctx, facts):
    lines = []
    n = len(ctx.runs)
    seeds = ", ".join(str(r.seed) for r in ctx.runs)
    lines.append(f"firmsim facts: {n} run{'s' if n != 1 else ''} (seeds {seeds}), burn-in "
                 f"{ctx.burn_in} steps, {ctx.steps_per_year} steps per year")
    snaps = sorted({s for r in ctx.runs for s in ctx.snapshots(r)})
    if snaps:
        lines.append(f"snapshots after burn-in: steps {snaps[0]}..{snaps[-1]} "
                     f"({len(snaps)} distinct)")
    else:
        lines.append("no snapshots after burn-in (run with --snapshot-every 4)")
    over = "runs" if ctx.by_runs else "firms, years or regions within the run"
    lines.append(f"95% CI: percentile bootstrap over {over}, {ctx.bootstrap.replicates} "
                 f"replicates, seed {ctx.bootstrap.seed}")
    lines.append("")
    head = f"{'fact':<56} {'estimate':>9}  {'95% CI':<19} {'target':<26} {'band':<16} holds"
    lines.append(head)
    lines.append("-" * len(head))
    for f in facts:
        spec = SPEC_BY_ID[f["id"]]
        ci = (f"[{_num(f['ci95'][0], spec.unit)}, {_num(f['ci95'][1], spec.unit)}]"
              if f["ci95"] else "-")
        holds = {True: "yes", False: "NO", None: "-"}[f["holds"]]
        lines.append(f"{f['title']:<56} {_num(f['estimate'], spec.unit):>9}  {ci:<19} "
                     f"{f['target']:<26} {_band(spec):<16} {holds}")
        note = f["note"] if f["estimate"] is None else _details(f)
        if note:
            lines.append(f"    {note}")
    assessed = [f for f in facts if f["holds"] is not None]
    lines.append("")
    lines.append(f"{sum(1 for f in assessed if f['holds'])} of {len(assessed)} facts with an "
                 f"estimate hold ({len(facts) - len(assessed)} without data)")
    return "\n".join(lines) + "\n"
