"""The shape of a Subbotin (exponential power, generalised normal) density by maximum likelihood.

    f(x) = exp(-|x - m|^b / (b a^b)) / (2 a b^(1/b) Gamma(1 + 1/b))

b = 1 is the Laplace (tent-shaped) density of firm growth rates (Stanley et al. 1996; Bottazzi
and Secchi 2006), b = 2 the Gaussian. For given m and b the scale has the closed form
a^b = mean |x - m|^b, so the profile log-likelihood per observation is

    l(b) = -[ln 2 + (ln(S(b)/n) + ln b) / b + ln Gamma(1 + 1/b) + 1/b],  S(b) = sum |x - m|^b.

It is maximised over a grid of b with a parabola through the best three points. S(b) is kept
per block of observations (a firm, a run), so a block bootstrap re-maximises by adding the
sums of the blocks it drew, without touching the observations again.
"""
import math
import operator
from itertools import repeat

B_GRID = tuple(0.2 + 0.05 * k for k in range(77))  # 0.2 .. 4.0


def profile_loglik(s, n, b):
    """Profile log-likelihood per observation at shape b for S(b) = s over n observations."""
    if s <= 0 or n <= 0:
        return -math.inf
    return -(math.log(2.0) + (math.log(s / n) + math.log(b)) / b + math.lgamma(1.0 + 1.0 / b)
             + 1.0 / b)


def argmax_on_grid(values, grid=B_GRID):
    """The maximiser of values (on grid), refined by the vertex of a parabola through the
    best point and its neighbours; the grid's end when the maximum lies there."""
    k = max(range(len(values)), key=values.__getitem__)
    if k == 0 or k == len(values) - 1:
        return grid[k]
    y0, y1, y2 = values[k - 1], values[k], values[k + 1]
    denom = y0 - 2 * y1 + y2
    if denom >= 0:
        return grid[k]
    h = grid[k + 1] - grid[k]
    return grid[k] + 0.5 * h * (y0 - y2) / denom


def power_sums(absdev, grid=B_GRID):
    """[sum |d|^b for b in grid] for absolute deviations absdev (zeros contribute nothing)."""
    nz = [d for d in absdev if d > 0]
    return [math.fsum(map(pow, nz, repeat(b))) for b in grid]


def shape_from_sums(sums, n, grid=B_GRID):
    """Maximum-likelihood shape b from S(b) on the grid."""
    return argmax_on_grid([profile_loglik(s, n, b) for s, b in zip(sums, grid)], grid)


def _location(x, b):
    """argmin_m sum |x - m|^b: the median for b <= 1, else a golden-section search (convex)."""
    xs = sorted(x)
    n = len(xs)
    median = 0.5 * (xs[(n - 1) // 2] + xs[n // 2])
    if b <= 1.0:
        return median
    lo, hi = xs[n // 10], xs[(9 * n) // 10]

    def cost(m):
        return math.fsum(map(pow, map(abs, map(operator.sub, x, repeat(m))), repeat(b)))

    g = (math.sqrt(5) - 1) / 2
    c, d = hi - g * (hi - lo), lo + g * (hi - lo)
    fc, fd = cost(c), cost(d)
    for _ in range(40):
        if fc < fd:
            hi, d, fd = d, c, fc
            c = hi - g * (hi - lo)
            fc = cost(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + g * (hi - lo)
            fd = cost(d)
    return (lo + hi) / 2


class SubbotinBlocks:
    """Observations in blocks, with the location fitted on all of them and S(b) per block."""

    def __init__(self, blocks, grid=B_GRID):
        self.grid = grid
        pooled = [v for blk in blocks for v in blk]
        self.n = len(pooled)
        if self.n < 3:
            raise ValueError("a Subbotin fit needs at least 3 observations")
        coarse = tuple(0.25 * k for k in range(1, 17))
        m0 = _location(pooled, 1.0)
        b0 = shape_from_sums(power_sums([abs(v - m0) for v in pooled], coarse), self.n, coarse)
        self.location = _location(pooled, b0)
        self.block_n = [len(blk) for blk in blocks]
        per_block = [power_sums([abs(v - self.location) for v in blk], grid) for blk in blocks]
        self.columns = [list(col) for col in zip(*per_block)]  # columns[g][block]
        total = [math.fsum(col) for col in self.columns]
        self.shape = shape_from_sums(total, self.n, grid)
        self.scale = (total[self._nearest(self.shape)] / self.n) ** (1.0 / self.shape)

    def _nearest(self, b):
        return min(range(len(self.grid)), key=lambda k: abs(self.grid[k] - b))

    def shape_of(self, indices):
        """The shape fitted on the blocks at `indices` (repeats allowed), location fixed."""
        n = sum(map(self.block_n.__getitem__, indices))
        sums = [sum(map(col.__getitem__, indices)) for col in self.columns]
        return shape_from_sums(sums, n, self.grid)


def fit_subbotin(x):
    """(b, a, m) fitted to the observations x."""
    fit = SubbotinBlocks([list(x)])
    return fit.shape, fit.scale, fit.location
