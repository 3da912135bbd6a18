#!/usr/bin/env python3
"""Tests of tools/facts: its estimators recover known parameters from synthetic samples and
synthetic run folders (fixed seeds), and its output has the documented format.

Run: python3 tests/facts/test_facts.py  (exits non-zero on a failure)."""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "tools", "facts")
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, HERE)

from facts_lib.facts import SPECS, Context  # noqa: E402
from facts_lib.facts_population import productivity_dispersion, turnover  # noqa: E402
from facts_lib.power_law import fit_power_law, hurwitz_zeta  # noqa: E402
from facts_lib.run_folder import RunFolder  # noqa: E402
from facts_lib.statistics import Bootstrap, mean, quantile  # noqa: E402
from facts_lib.subbotin import fit_subbotin  # noqa: E402
from synthetic_run import discrete_power_law_sampler, make_run  # noqa: E402

WORK = None
RUNS = {}
OUT = {}


def run_tool(*args):
    return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True)


def facts_json(*dirs, extra=()):
    key = (dirs, tuple(extra))
    if key not in OUT:
        r = run_tool("--json", "--bootstrap", "100", "--burn-in", "20", *extra, *dirs)
        assert r.returncode == 0, r.stderr
        OUT[key] = {f["id"]: f for f in json.loads(r.stdout)["facts"]}
    return OUT[key]


def setUpModule():
    global WORK
    WORK = tempfile.mkdtemp(prefix="firmsim-facts-test-")
    RUNS["laplace"] = os.path.join(WORK, "laplace")
    make_run(RUNS["laplace"], seed=1, size_exponent=1.0, growth="laplace")
    RUNS["laplace2"] = os.path.join(WORK, "laplace2")
    make_run(RUNS["laplace2"], seed=3, size_exponent=1.0, growth="laplace")
    RUNS["mixed"] = os.path.join(WORK, "mixed")
    make_run(RUNS["mixed"], seed=4, size_exponent=1.0, growth="laplace",
             growth_scale_by_stage=[4.0, 2.0, 1.0, 0.25])
    RUNS["gauss"] = os.path.join(WORK, "gauss")
    make_run(RUNS["gauss"], seed=2, size_exponent=1.5, growth="gauss", agglomeration=0.1,
             coop_cost_gap=-0.15, coop_productivity_gap=0.10, gvc_productivity_gap=0.20)


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)


class Estimators(unittest.TestCase):
    def test_hurwitz_zeta(self):
        self.assertAlmostEqual(hurwitz_zeta(2.0, 1.0), math.pi ** 2 / 6, places=12)
        self.assertAlmostEqual(hurwitz_zeta(3.0, 1.0), 1.2020569031595942, places=12)
        self.assertAlmostEqual(hurwitz_zeta(2.0, 5.0),
                               math.pi ** 2 / 6 - sum(k ** -2.0 for k in range(1, 5)), places=12)

    def test_continuous_power_law_recovers_exponent_and_xmin(self):
        rng = random.Random(11)
        for exponent in (1.0, 1.5):
            body = [rng.uniform(0.5, 5.0) for _ in range(1500)]
            tail = [5.0 * (1.0 - rng.random()) ** (-1.0 / exponent) for _ in range(3000)]
            fit = fit_power_law(body + tail)
            self.assertFalse(fit.discrete)
            self.assertAlmostEqual(fit.ccdf_exponent, exponent, delta=0.1)
            self.assertAlmostEqual(fit.alpha, fit.ccdf_exponent + 1.0)
            self.assertGreaterEqual(fit.xmin, 4.5)
            self.assertLess(fit.ks, 0.05)

    def test_discrete_power_law_recovers_exponent(self):
        rng = random.Random(12)
        draw = discrete_power_law_sampler(rng, 1.35, 100000)
        fit = fit_power_law([draw() for _ in range(3000)])
        self.assertTrue(fit.discrete)
        self.assertAlmostEqual(fit.ccdf_exponent, 1.35, delta=0.1)

    def test_subbotin_tells_laplace_from_gaussian(self):
        rng = random.Random(13)
        lap = [rng.expovariate(10.0) * rng.choice((-1, 1)) for _ in range(5000)]
        b, a, m = fit_subbotin(lap)
        self.assertAlmostEqual(b, 1.0, delta=0.12)
        self.assertAlmostEqual(a, 0.1, delta=0.01)
        self.assertAlmostEqual(m, 0.0, delta=0.01)
        b, a, _ = fit_subbotin([rng.gauss(0.0, 0.1) for _ in range(5000)])
        self.assertAlmostEqual(b, 2.0, delta=0.25)
        self.assertAlmostEqual(a, 0.1, delta=0.01)

    def test_quantile_is_type_7(self):
        self.assertAlmostEqual(quantile([1.0, 2.0, 3.0, 4.0], 0.1), 1.3)
        self.assertEqual(quantile([5.0], 0.9), 5.0)

    def test_bootstrap_interval_is_seeded_and_sized(self):
        rng = random.Random(14)
        data = [rng.gauss(0.0, 1.0) for _ in range(400)]

        def stat(idx):
            return mean(data[i] for i in idx)

        lo, hi, used = Bootstrap(400, seed=5).interval(len(data), stat, "mean")
        self.assertEqual((lo, hi, used), Bootstrap(400, seed=5).interval(len(data), stat, "mean"))
        self.assertNotEqual(lo, Bootstrap(400, seed=6).interval(len(data), stat, "mean")[0])
        self.assertLess(lo, mean(data))
        self.assertGreater(hi, mean(data))
        self.assertAlmostEqual(hi - lo, 2 * 1.96 / math.sqrt(400), delta=0.05)


class SyntheticRuns(unittest.TestCase):
    def test_laplace_run_recovers_its_parameters(self):
        f = facts_json(RUNS["laplace"])
        self.assertAlmostEqual(f["size_tail"]["estimate"], 1.0, delta=0.15)
        self.assertTrue(f["size_tail"]["holds"])
        self.assertIn("firms", f["size_tail"]["ci_method"])
        self.assertAlmostEqual(f["growth_shape_employees"]["estimate"], 1.0, delta=0.15)
        self.assertTrue(f["growth_shape_employees"]["holds"])
        self.assertAlmostEqual(f["productivity_90_10"]["estimate"], 1.92, delta=0.1)
        self.assertTrue(f["productivity_90_10"]["holds"])
        self.assertAlmostEqual(f["exit_rate"]["estimate"], 0.036, places=12)
        self.assertAlmostEqual(f["entry_rate"]["estimate"], 0.036, places=12)
        self.assertAlmostEqual(f["net_entry_rate"]["estimate"], 0.0, places=12)
        self.assertEqual(f["exit_rate"]["n"], 15)  # complete years after step 20 of 80
        self.assertAlmostEqual(f["degree_customers"]["estimate"], 1.35, delta=0.15)
        self.assertAlmostEqual(f["small_world"]["estimate"], 30.0, places=9)
        self.assertLess(abs(f["agglomeration_region"]["estimate"]), 0.05)
        self.assertLess(abs(f["coop_cost_gap"]["estimate"]), 0.04)
        self.assertFalse(f["coop_cost_gap"]["holds"])

    def test_gaussian_run_recovers_its_parameters(self):
        f = facts_json(RUNS["gauss"])
        self.assertAlmostEqual(f["size_tail"]["estimate"], 1.5, delta=0.2)
        self.assertFalse(f["size_tail"]["holds"])
        self.assertAlmostEqual(f["growth_shape_employees"]["estimate"], 2.0, delta=0.3)
        self.assertFalse(f["growth_shape_employees"]["holds"])
        agg = f["agglomeration_region"]
        self.assertAlmostEqual(agg["estimate"], 0.1, delta=0.04)
        self.assertGreater(agg["ci95"][0], 0.0)
        self.assertTrue(agg["holds"])
        self.assertIn("regions", agg["ci_method"])
        self.assertAlmostEqual(f["coop_cost_gap"]["estimate"], -0.15, delta=0.03)
        self.assertTrue(f["coop_cost_gap"]["holds"])
        self.assertAlmostEqual(f["coop_productivity_gap"]["estimate"], 0.10, delta=0.04)
        self.assertAlmostEqual(f["gvc_productivity_gap"]["estimate"], 0.20, delta=0.05)

    def test_growth_shape_is_per_stage(self):
        # Laplace in every stage, with scales 16 times apart: pooled without scaling, the scale
        # mixture looks far more peaked than Laplace; standardised per stage it is Laplace.
        f = facts_json(RUNS["mixed"])["growth_shape_employees"]
        self.assertAlmostEqual(f["estimate"], 1.0, delta=0.15)
        self.assertTrue(f["holds"])
        self.assertLess(f["details"]["shape_pooled_unscaled"], 0.75)
        for b in f["details"]["shape_by_stage"].values():
            self.assertAlmostEqual(b, 1.0, delta=0.25)

    def test_intervals_bracket_estimates(self):
        for fact in facts_json(RUNS["gauss"]).values():
            if fact["ci95"] is None:
                continue
            lo, hi = fact["ci95"]
            self.assertLessEqual(lo, hi, fact["id"])
            self.assertLessEqual(lo, fact["estimate"] + 1e-9, fact["id"])
            self.assertGreaterEqual(hi, fact["estimate"] - 1e-9, fact["id"])

    def test_several_runs_resample_runs(self):
        f = facts_json(RUNS["laplace"], RUNS["laplace2"])
        self.assertIn("runs (2)", f["size_tail"]["ci_method"])
        self.assertAlmostEqual(f["size_tail"]["estimate"], 1.0, delta=0.15)
        self.assertAlmostEqual(f["growth_shape_employees"]["estimate"], 1.0, delta=0.15)
        self.assertEqual(f["exit_rate"]["n"], 30)

    def test_burn_in_drops_early_steps(self):
        runs = [RunFolder(RUNS["laplace"])]
        late = Context(runs, 20, Bootstrap(0))
        early = Context(runs, 0, Bootstrap(0))
        self.assertAlmostEqual(turnover(late)[0]["estimate"], 0.036, places=12)
        self.assertGreater(turnover(early)[0]["estimate"], 0.05)
        self.assertLess(productivity_dispersion(late)["estimate"], 2.1)
        self.assertGreater(productivity_dispersion(early)["estimate"], 2.5)


class OutputFormat(unittest.TestCase):
    def test_json_document(self):
        r = run_tool("--json", "--bootstrap", "20", "--burn-in", "20", RUNS["laplace"])
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["burn_in_steps"], 20)
        self.assertEqual(doc["steps_per_year"], 4)
        self.assertEqual(doc["bootstrap"]["replicates"], 20)
        self.assertEqual([f["id"] for f in doc["facts"]], [s.id for s in SPECS])
        keys = {"id", "title", "estimate", "ci95", "ci_method", "target", "source", "band",
                "unit", "holds", "n", "details", "note"}
        for fact in doc["facts"]:
            self.assertEqual(set(fact), keys)
            self.assertIn(fact["holds"], (True, False, None))
        self.assertEqual(doc["holding"], sum(1 for f in doc["facts"] if f["holds"]))
        self.assertNotIn("NaN", r.stdout)

    def test_text_table(self):
        r = run_tool("--bootstrap", "20", "--burn-in", "20", RUNS["laplace"])
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertTrue(lines[0].startswith("firmsim facts: 1 run (seeds 1), burn-in 20 steps"))
        self.assertIn("percentile bootstrap over firms, years or regions", r.stdout)
        header = next(line for line in lines if line.startswith("fact "))
        for col in ("estimate", "95% CI", "target", "band", "holds"):
            self.assertIn(col, header)
        for spec in SPECS:
            row = next(line for line in lines if line.startswith(spec.title))
            self.assertRegex(row, r"(yes|NO|-)$")
        exit_row = next(line for line in lines if line.startswith("exit rate per year"))
        self.assertIn("3.6%", exit_row)
        self.assertRegex(lines[-1], r"^\d+ of \d+ facts with an estimate hold")

    def test_missing_columns_are_reported_not_fatal(self):
        run = os.path.join(WORK, "thin")
        shutil.copytree(RUNS["laplace"], run)
        with open(os.path.join(run, "timeseries.csv"), "w") as f:
            f.write("step,firms\n0,10\n1,10\n")
        shutil.rmtree(os.path.join(run, "snapshots"))
        r = run_tool("--json", "--bootstrap", "0", "--burn-in", "0", run)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("no snapshots", r.stderr)
        facts = {f["id"]: f for f in json.loads(r.stdout)["facts"]}
        self.assertIsNone(facts["small_world"]["estimate"])
        self.assertIn("clustering", facts["small_world"]["note"])
        self.assertIsNone(facts["exit_rate"]["holds"])
        self.assertIsNone(facts["growth_shape_employees"]["estimate"])
        # The final firms.csv and ties.csv still give the cross-section facts.
        self.assertAlmostEqual(facts["size_tail"]["estimate"], 1.0, delta=0.15)
        self.assertAlmostEqual(facts["degree_customers"]["estimate"], 1.35, delta=0.15)
        self.assertIsNone(facts["size_tail"]["ci95"])

    def test_bad_input_exits_2(self):
        r = run_tool(os.path.join(WORK, "does-not-exist"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a folder", r.stderr)
        empty = os.path.join(WORK, "empty")
        os.makedirs(empty, exist_ok=True)
        r = run_tool(empty)
        self.assertEqual(r.returncode, 2)
        self.assertIn("summary.json", r.stderr)
        self.assertEqual(run_tool("--burn-in", "-1", RUNS["laplace"]).returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=1)
