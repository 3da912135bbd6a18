"""Power-law tails by maximum likelihood with the Clauset-Shalizi-Newman choice of x_min.

For every candidate x_min the exponent of the density p(x) ~ x^-alpha is fitted by maximum
likelihood on the values >= x_min, and the candidate whose fit has the smallest
Kolmogorov-Smirnov distance to the empirical tail wins (CSN 2009, sections 3.1-3.3). The
exponent of the complementary CDF, the number firm-size studies quote (Axtell 2001: 1.06),
is alpha - 1.

Continuous data: alpha = 1 + m / sum(ln(x_i / x_min)).
Integer data (degrees): p(x) = x^-alpha / zeta(alpha, x_min), alpha maximising
  -m ln zeta(alpha, x_min) - alpha sum(ln x_i), with the Hurwitz zeta function.

To keep the search fast in pure Python, at most `max_candidates` values of x_min are tried
(evenly spread over the distinct values) and the KS distance of a continuous fit is taken at
up to `max_ks_points` evenly spread order statistics of the tail (exact below that size).
"""
import bisect
import math
import operator
from itertools import repeat

# B_2, B_4, ..., B_14: Bernoulli numbers for the Euler-Maclaurin tail of the zeta sum.
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6)


def hurwitz_zeta(s, q, terms=12):
    """zeta(s, q) = sum_{k>=0} (q + k)^-s for s > 1, q > 0 (Euler-Maclaurin, ~1e-13)."""
    if s <= 1:
        raise ValueError("hurwitz_zeta needs s > 1")
    total = math.fsum((q + k) ** -s for k in range(terms))
    a = q + terms
    total += a ** (1 - s) / (s - 1) + 0.5 * a ** -s
    rising = s  # s (s+1) ... (s + 2j - 2)
    factorial = 2.0  # (2j)!
    for j, b in enumerate(_BERNOULLI, start=1):
        total += b / factorial * rising * a ** (-s - 2 * j + 1)
        rising *= (s + 2 * j - 1) * (s + 2 * j)
        factorial *= (2 * j + 1) * (2 * j + 2)
    return total


class PowerLawFit:
    """The result of a tail fit: alpha is the density exponent, ccdf_exponent = alpha - 1."""

    def __init__(self, alpha, xmin, n_tail, n, ks, discrete):
        self.alpha = alpha
        self.xmin = xmin
        self.n_tail = n_tail
        self.n = n
        self.ks = ks
        self.discrete = discrete

    @property
    def ccdf_exponent(self):
        return self.alpha - 1.0

    def as_dict(self):
        return {"alpha_pdf": self.alpha, "ccdf_exponent": self.ccdf_exponent,
                "xmin": self.xmin, "n_tail": self.n_tail, "n": self.n, "ks": self.ks,
                "discrete": self.discrete}


def _candidates(x, min_tail, max_candidates):
    """Indices of the first occurrence of each distinct value that leaves >= min_tail values
    (and at least two distinct ones) in the tail, thinned evenly to max_candidates."""
    firsts = []
    n = len(x)
    for i in range(n):
        if i > 0 and x[i] == x[i - 1]:
            continue
        if n - i < min_tail or x[i] == x[-1]:
            break
        firsts.append(i)
    if len(firsts) > max_candidates:
        step = (len(firsts) - 1) / (max_candidates - 1)
        firsts = sorted({firsts[round(k * step)] for k in range(max_candidates)})
    return firsts


def _even_indices(start, stop, most):
    m = stop - start
    if m <= most:
        return range(start, stop)
    return [start + (k * (m - 1)) // (most - 1) for k in range(most)]


def _tie_bounds(x):
    """first[j], end[j]: the index range [first, end) of the values equal to x[j]."""
    n = len(x)
    first = [0] * n
    end = [0] * n
    j = 0
    while j < n:
        k = j
        while k < n and x[k] == x[j]:
            k += 1
        for t in range(j, k):
            first[t] = j
            end[t] = k
        j = k
    return first, end


def _fit_continuous_at(logs, suffix, first, end, i, max_ks_points):
    n = len(logs)
    m = n - i
    denom = suffix[i] - m * logs[i]
    if denom <= 0:
        return None
    alpha = 1.0 + m / denom
    idx = _even_indices(i, n, max_ks_points)
    # Fitted survival (x_j / x_min)^(1 - alpha) and F_emp just below and at x_j, in C loops.
    shift = (alpha - 1.0) * logs[i]
    surv = list(map(math.exp, map(operator.add, map(operator.mul, [logs[j] for j in idx],
                                                        repeat(1.0 - alpha)), repeat(shift))))
    inv_m = 1.0 / m
    below = [(first[j] - i) * inv_m for j in idx]
    at = [(end[j] - i) * inv_m for j in idx]
    # |F_fit - F_emp| = |S + F_emp - 1| with S = 1 - F_fit the fitted survival function.
    d_below = max(map(abs, map(operator.sub, map(operator.add, surv, below), repeat(1.0))))
    d_at = max(map(abs, map(operator.sub, map(operator.add, surv, at), repeat(1.0))))
    return alpha, max(d_below, d_at)


def _discrete_alpha(m, sum_log, xmin):
    """Golden-section maximum of -m ln zeta(a, xmin) - a sum_log over a in (1, 8]."""
    def nll(a):
        return m * math.log(hurwitz_zeta(a, xmin)) + a * sum_log

    lo, hi = 1.0005, 8.0
    g = (math.sqrt(5) - 1) / 2
    c, d = hi - g * (hi - lo), lo + g * (hi - lo)
    fc, fd = nll(c), nll(d)
    while hi - lo > 1e-6:
        if fc < fd:
            hi, d, fd = d, c, fc
            c = hi - g * (hi - lo)
            fc = nll(c)
        else:
            lo, c, fc = c, d, fd
            d = lo + g * (hi - lo)
            fd = nll(d)
    return (lo + hi) / 2


def _discrete_ks(x, i, alpha, xmin):
    """max |F_emp - F_fit| over the distinct tail values, F_fit(u) = 1 - zeta(a,u+1)/zeta(a,xmin)."""
    n = len(x)
    m = n - i
    z0 = hurwitz_zeta(alpha, xmin)
    z = z0  # zeta(alpha, k) for the current k
    k = xmin
    d = 0.0
    j = i
    while j < n:
        u = x[j]
        hi = bisect.bisect_right(x, u, j)
        if u + 1 - k > 64:
            z = hurwitz_zeta(alpha, u + 1)
        else:
            while k < u + 1:
                z -= k ** -alpha
                k += 1
        k = u + 1
        d = max(d, abs((hi - i) / m - (1.0 - z / z0)))
        j = hi
    return d


def fit_power_law(values, discrete=None, min_tail=50, max_candidates=100, max_ks_points=1000):
    """CSN fit of the upper tail of the positive values; None when too few values.

    discrete=None chooses the integer (Hurwitz zeta) likelihood when every value is an
    integer, the continuous one otherwise."""
    x = sorted(v for v in values if v > 0 and math.isfinite(v))
    n = len(x)
    if n < min_tail or x[0] == x[-1]:
        return None
    if discrete is None:
        discrete = all(float(v).is_integer() for v in x)
    logs = [math.log(v) for v in x]
    suffix = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + logs[i]
    if not discrete:
        first, end = _tie_bounds(x)
    best = None
    for i in _candidates(x, min_tail, max_candidates):
        if discrete:
            xmin = int(round(x[i]))
            alpha = _discrete_alpha(n - i, suffix[i], xmin)
            d = _discrete_ks(x, i, alpha, xmin)
        else:
            r = _fit_continuous_at(logs, suffix, first, end, i, max_ks_points)
            if r is None:
                continue
            alpha, d = r
        if best is None or d < best.ks:
            best = PowerLawFit(alpha, x[i], n - i, n, d, discrete)
    return best


def ccdf_exponent(values, **kw):
    """The CCDF tail exponent (alpha - 1) of the values, or None."""
    fit = fit_power_law(values, **kw)
    return None if fit is None else fit.ccdf_exponent
