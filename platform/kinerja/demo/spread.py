"""How many of each predikat an agency's staff get: the shares of the agency's organisation predikat, moved until
the agency keeps its distribution curve."""

from __future__ import annotations

import random
from typing import Any

from kinerja.services.evaluation import curve

# the share of each employee predikat, by organisation predikat
SPREAD = {
    "ISTIMEWA": {"SANGAT_BAIK": 0.35, "BAIK": 0.55, "BUTUH_PERBAIKAN": 0.08, "KURANG_MISCONDUCT": 0.02},
    "BAIK": {"SANGAT_BAIK": 0.15, "BAIK": 0.65, "BUTUH_PERBAIKAN": 0.15, "KURANG_MISCONDUCT": 0.04,
             "SANGAT_KURANG": 0.01},
    "BUTUH_PERBAIKAN": {"SANGAT_BAIK": 0.05, "BAIK": 0.25, "BUTUH_PERBAIKAN": 0.65, "KURANG_MISCONDUCT": 0.05},
}


def spread_for(n: int, headcount: int, org: str, rng: random.Random, rules: Any = curve.DEFAULT_RULES) -> list[str]:
    """n predikat in the shares of SPREAD[org] (largest remainders), moved one at a time until the agency keeps
    its curve (`rules`, counted as finalizeRating counts them), shuffled. The demo and benchmarks/generate.py both
    spread ratings with it."""
    shares = SPREAD[org]
    exact = {p: share * n for p, share in shares.items()}
    counts = {p: int(v) for p, v in exact.items()}
    for p in sorted(exact, key=lambda p: exact[p] - counts[p], reverse=True)[:n - sum(counts.values())]:
        counts[p] += 1
    by_share = sorted(shares, key=shares.get, reverse=True)
    for _ in range(2 * n + 1):
        findings = curve.check(rules, org, counts, headcount)
        if not findings:
            break
        rule = findings[0].rule
        inside = [p for p in by_share if p in rule.predikat] or list(rule.predikat)
        outside = [p for p in by_share if p not in rule.predikat]
        if rule.is_maximum:  # one fewer inside the capped group, one more in the largest share outside it
            source, target = max(inside, key=lambda p: counts.get(p, 0)), outside[0]
        else:  # one more inside the group that falls short, from the largest group outside it
            source, target = max(outside, key=lambda p: counts.get(p, 0)), inside[0]
        counts[source] -= 1
        counts[target] = counts.get(target, 0) + 1
    out = [p for p, k in counts.items() for _ in range(k)]
    rng.shuffle(out)
    return out
