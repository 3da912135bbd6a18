"""Synthetic firmsim results folders with known parameters, for testing tools/facts.

A folder holds what `firmsim run --snapshot-every 4` writes (summary.json, timeseries.csv,
firms.csv, ties.csv, snapshots/firms_<step>.csv and network_<step>.graphml), with:
  - employees in the last snapshot Pareto with CCDF exponent `size_exponent` above 5, and
    earlier snapshots derived backwards from yearly growth rates drawn from a Laplace or a
    Gaussian density, so both facts are known exactly;
  - log productivity Normal(stage mean, sigma) with sigma such that the 90/10 ratio within a
    stage is `ratio_90_10`, plus `agglomeration` x log(firms in the region), and the gaps of
    cooperating and gvc firms;
  - unit costs lower by `coop_cost_gap` for cooperating firms;
  - supply ties whose customers per supplier follow a discrete power law with CCDF exponent
    `degree_exponent`, and 20 knowledge_exchange ties per firm that the facts must ignore;
  - `exits_per_step` exits and as many entries among `firms_alive` firms, and clustering /
    density equal to `small_world`.
Snapshots and timeseries rows before `burn_in` are deliberately wrong (huge dispersion,
exits, no small world), so a test notices when they are not dropped.
"""
import bisect
import json
import math
import os
import random

STAGES = 4
SIZE_CLASSES = ("micro", "sme", "large")
FIRM_COLUMNS = ("id,country,region,stage,size_class,alive,employees,productivity,unit_cost,"
                "output,net_worth,exports,age,degree,cooperating,gvc")


def default_params(**kw):
    p = dict(seed=1, firms=800, steps=80, steps_per_year=4, snapshot_every=4, burn_in=20,
             regions=12, size_exponent=1.0, growth="laplace", growth_scale=0.1,
             growth_scale_by_stage=None,
             ratio_90_10=1.92, agglomeration=0.0, coop_cost_gap=0.0, coop_productivity_gap=0.0,
             gvc_productivity_gap=0.0, degree_exponent=1.35, firms_alive=1000, exits_per_step=9,
             small_world=30.0, density=0.01)
    p.update(kw)
    return p


def _laplace(rng, scale):
    u = rng.random() - 0.5
    return -scale * math.copysign(1.0, u) * math.log(1.0 - 2.0 * abs(u))


def discrete_power_law_sampler(rng, ccdf_exponent, kmax):
    """Draws k in 1..kmax with P(k) proportional to k^-(ccdf_exponent + 1)."""
    a = ccdf_exponent + 1.0
    cum, total = [], 0.0
    for k in range(1, kmax + 1):
        total += k ** -a
        cum.append(total)
    return lambda: 1 + bisect.bisect_left(cum, rng.random() * total)


def _write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(",".join(str(v) for v in r) + "\n")


def _write_graphml(path, nodes, edges):
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                '  <key id="v_stage" for="node" attr.name="stage" attr.type="int"/>\n'
                '  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>\n'
                '  <graph id="firms" edgedefault="directed">\n')
        for n in nodes:
            f.write(f'    <node id="{n}"><data key="v_stage">0</data></node>\n')
        for s, t, kind in edges:
            f.write(f'    <edge source="{s}" target="{t}"><data key="e_type">{kind}</data>'
                    '</edge>\n')
        f.write("  </graph>\n</graphml>\n")


def make_run(folder, **kw):
    """Writes a synthetic results folder; returns the parameters used."""
    p = default_params(**kw)
    rng = random.Random(p["seed"])
    n, spy = p["firms"], p["steps_per_year"]
    os.makedirs(os.path.join(folder, "snapshots"), exist_ok=True)
    snaps = list(range(0, p["steps"], p["snapshot_every"]))
    # Regions of unequal size, fixed firm attributes.
    weights = [(r + 1) ** 2 for r in range(p["regions"])]
    region = [rng.choices(range(p["regions"]), weights)[0] for _ in range(n)]
    in_region = [region.count(r) for r in range(p["regions"])]
    stage = [rng.randrange(STAGES) for _ in range(n)]
    size_class = [rng.choice(SIZE_CLASSES) for _ in range(n)]
    coop = [rng.random() < 0.5 for _ in range(n)]
    gvc = [rng.random() < 0.3 for _ in range(n)]
    sigma = math.log(p["ratio_90_10"]) / (2 * 1.2815515655446004)
    # Employees: Pareto at the last snapshot, earlier ones by undoing yearly growth.
    employees = {snaps[-1]: [5.0 * (1.0 - rng.random()) ** (-1.0 / p["size_exponent"])
                             for _ in range(n)]}
    assert p["snapshot_every"] == spy, "snapshots one year apart"
    for s in reversed(snaps[:-1]):
        later = employees[s + spy]
        # growth_scale_by_stage: a factor on the scale per stage (stages of unequal volatility)
        mult = p["growth_scale_by_stage"] or [1.0] * STAGES
        draw = (lambda a: _laplace(rng, a)) if p["growth"] == "laplace" else (
            lambda a: rng.gauss(0.0, a))
        employees[s] = [e / math.exp(draw(p["growth_scale"] * mult[stage[i]]))
                        for i, e in enumerate(later)]
    for s in snaps:
        early = s < p["burn_in"]
        rows = []
        for i in range(n):
            log_a = (0.3 * stage[i] + rng.gauss(0.0, sigma * (4.0 if early else 1.0))
                     + p["agglomeration"] * math.log(in_region[region[i]])
                     + (math.log1p(p["coop_productivity_gap"]) if coop[i] else 0.0)
                     + (math.log1p(p["gvc_productivity_gap"]) if gvc[i] else 0.0))
            cost = math.exp(rng.gauss(0.0, 0.2)) * (1.0 + p["coop_cost_gap"] if coop[i] else 1.0)
            e = employees[s][i]
            rows.append((i, "north" if region[i] % 2 else "south", f"r{region[i]}", stage[i],
                         size_class[i], 1, repr(e), repr(math.exp(log_a)), repr(cost),
                         repr(e * math.exp(log_a)), 1.0, 0.0, s, 0, int(coop[i]), int(gvc[i])))
        rows.append((n, "north", "r0", 0, "micro", 0, 99999.0, 1e9, 1.0, 0, 0, 0, 0, 0, 1, 0))
        _write_csv(os.path.join(folder, "snapshots", f"firms_{s}.csv"), FIRM_COLUMNS, rows)
    _write_csv(os.path.join(folder, "firms.csv"), FIRM_COLUMNS, rows)
    # Supply network of the last snapshot.
    draw_k = discrete_power_law_sampler(rng, p["degree_exponent"], n - 1)
    edges = []
    supply_types = ("subcontracting", "oem", "modular_supply", "second_source")
    for i in range(n):
        for j in rng.sample([x for x in range(n) if x != i], draw_k()):
            edges.append((i, j, rng.choice(supply_types)))
    for i in range(n):  # not supply: would hide the supply tail if counted
        edges += [(i, j, "knowledge_exchange") for j in rng.sample(range(n), 20) if j != i]
    _write_graphml(os.path.join(folder, "snapshots", f"network_{snaps[-1]}.graphml"),
                   range(n), edges)
    _write_csv(os.path.join(folder, "ties.csv"), "source,target,type,start_step,trust",
               [(s, t, k, 0, 0.5) for s, t, k in edges])
    # Timeseries: turnover and small world.
    rows = []
    for step in range(p["steps"]):
        early = step < p["burn_in"]
        exits = 10 * p["exits_per_step"] if early else p["exits_per_step"]
        ratio = 1.0 if early else p["small_world"]
        rows.append((step, p["firms_alive"], exits, exits, p["density"] * ratio, p["density"],
                     "NA"))
    _write_csv(os.path.join(folder, "timeseries.csv"),
               "step,firms,entries,exits,clustering,density,assortativity", rows)
    summary = {"program": "firmsim", "version": "synthetic", "scenario_name": "synthetic",
               "seed": p["seed"], "steps": p["steps"],
               "scenario": {"name": "synthetic", "seed": p["seed"], "steps": p["steps"],
                            "steps_per_year": spy}}
    with open(os.path.join(folder, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    return p
