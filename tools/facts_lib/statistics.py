"""Small statistics: quantiles, means and the block bootstrap behind every confidence interval."""
import math
import random


def quantile(sorted_values, q):
    """Quantile q of already sorted values, linear between order statistics (R's type 7)."""
    n = len(sorted_values)
    if n == 0:
        return math.nan
    h = (n - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def mean(values):
    values = list(values)
    return math.fsum(values) / len(values) if values else math.nan


def finite(v):
    return v is not None and isinstance(v, (int, float)) and math.isfinite(v)


class Bootstrap:
    """Percentile intervals from resampling blocks (runs, firms, years, regions) with
    replacement. The generator of each fact is seeded from (seed, fact id), so one fact's
    interval does not depend on which other facts were computed."""

    def __init__(self, replicates=500, seed=1, level=0.95):
        self.replicates = replicates
        self.seed = seed
        self.level = level

    def interval(self, n_blocks, statistic, key):
        """(low, high, replicates used) for statistic(list of block indices, repeats allowed).

        The statistic must not depend on the order of the indices: with few blocks (runs),
        equal multisets are computed once."""
        if n_blocks < 2 or self.replicates < 2:
            return math.nan, math.nan, 0
        rng = random.Random(f"{self.seed}:{key}")
        memo = {} if n_blocks <= 12 else None
        values = []
        for _ in range(self.replicates):
            idx = [rng.randrange(n_blocks) for _ in range(n_blocks)]
            if memo is not None:
                idx.sort()
                k = tuple(idx)
                if k not in memo:
                    memo[k] = statistic(idx)
                v = memo[k]
            else:
                v = statistic(idx)
            if finite(v):
                values.append(v)
        if len(values) < 2:
            return math.nan, math.nan, len(values)
        values.sort()
        tail = (1.0 - self.level) / 2
        return quantile(values, tail), quantile(values, 1.0 - tail), len(values)
