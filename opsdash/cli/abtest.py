"""``opsdash abtest``: A/B test statistics from the command line, for scripted checks.

Subcommands (each prints text, or JSON with ``--json``):
- ``proportions --a CONV/N --b CONV/N``: pooled two-proportion z-test, Newcombe CI, exact
  Bayesian P(B beats A);
- ``means --a MEAN,SD,N --b MEAN,SD,N``: Welch's t-test;
- ``sample-size --baseline P --mde D [--relative]``: users per variant (R power.prop.test);
- ``srm --counts N1,N2[,...] [--weights W1,W2,...]``: sample ratio mismatch chi-square.
Bad arguments raise :class:`~opsdash.errors.UserError` (one line, exit status 2).
"""

from __future__ import annotations

import argparse
import math
from typing import Any

from opsdash.abtest.bayesian import compare_bayesian
from opsdash.abtest.checks import sample_ratio_mismatch
from opsdash.abtest.frequentist import compare_means, compare_proportions
from opsdash.abtest.models import ALTERNATIVES, MeanStats, Proportion
from opsdash.abtest.planning import sample_size_proportions
from opsdash.abtest.summary import proportion_verdict
from opsdash.cli.common import print_json
from opsdash.errors import UserError


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "abtest", parents=[parent], help="A/B test statistics (z-test, Welch, sample size, SRM)"
    )
    commands = parser.add_subparsers(dest="abtest_command", required=True, metavar="TEST")

    proportions = commands.add_parser("proportions", help="compare two conversion rates")
    proportions.add_argument("--a", required=True, metavar="CONV/N", help="control, e.g. 120/1000")
    proportions.add_argument("--b", required=True, metavar="CONV/N", help="variant, e.g. 150/1000")
    _add_test_options(proportions)
    proportions.set_defaults(handler=run_proportions)

    means = commands.add_parser("means", help="compare two means (Welch's t-test)")
    means.add_argument("--a", required=True, metavar="MEAN,SD,N", help="control")
    means.add_argument("--b", required=True, metavar="MEAN,SD,N", help="variant")
    _add_test_options(means)
    means.set_defaults(handler=run_means)

    size = commands.add_parser("sample-size", help="users per variant for a conversion test")
    size.add_argument("--baseline", required=True, metavar="P", help="control rate, e.g. 0.10")
    size.add_argument(
        "--mde", required=True, metavar="D", help="absolute change (0.01 = 1 pp), or relative"
    )
    size.add_argument("--relative", action="store_true", help="--mde is relative (0.1 = +10%%)")
    size.add_argument("--alpha", default="0.05", help="significance level (0.05)")
    size.add_argument("--power", default="0.8", help="power (0.8)")
    size.add_argument("--one-sided", action="store_true", help="one-sided test")
    size.add_argument("--variants", default="2", help="number of variants incl. control (2)")
    size.add_argument("--daily-traffic", default=None, help="users entering per day, for days")
    size.add_argument(
        "--formula", choices=("r", "cohen_h"), default="r", help="r = R power.prop.test"
    )
    size.add_argument("--json", action="store_true", help="print JSON")
    size.set_defaults(handler=run_sample_size)

    srm = commands.add_parser("srm", help="sample ratio mismatch check")
    srm.add_argument("--counts", required=True, metavar="N1,N2[,...]", help="users per variant")
    srm.add_argument("--weights", metavar="W1,W2[,...]", help="planned split (default equal)")
    srm.add_argument("--json", action="store_true", help="print JSON")
    srm.set_defaults(handler=run_srm)


def _add_test_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--alpha", default="0.05", help="significance level (0.05)")
    parser.add_argument(
        "--alternative",
        default="two-sided",
        help="two-sided | greater (B > A) | less (B < A)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


# ---- argument parsing: every problem is one UserError line ----------------------------------


def _number(text: str, name: str) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise UserError(f"{name} must be a number, got {text!r}") from None
    if not math.isfinite(value):
        raise UserError(f"{name} must be a finite number, got {text!r}")
    return value


def _count(text: str, name: str) -> int:
    value = _number(text.strip(), name)
    if value < 0:
        raise UserError(f"{name} must not be negative, got {text.strip()}")
    if value != int(value):
        raise UserError(f"{name} must be a whole number, got {text.strip()}")
    return int(value)


def _alpha(text: str) -> float:
    alpha = _number(text, "--alpha")
    if not 0 < alpha < 1:
        raise UserError(f"--alpha must be between 0 and 1 (exclusive), got {text}")
    return alpha


def _alternative(text: str) -> str:
    if text not in ALTERNATIVES:
        raise UserError(f"--alternative must be one of {', '.join(ALTERNATIVES)}, got {text!r}")
    return text


def parse_proportion(text: str, name: str) -> Proportion:
    """``CONV/N`` -> Proportion(n=N, conversions=CONV), checked."""
    parts = text.split("/")
    if len(parts) != 2:
        raise UserError(f"{name} must be CONVERSIONS/VISITORS, e.g. 120/1000, got {text!r}")
    conversions = _count(parts[0], f"{name} conversions")
    visitors = _count(parts[1], f"{name} visitors")
    if visitors == 0:
        raise UserError(f"{name} has 0 visitors")
    if conversions > visitors:
        raise UserError(f"{name}: conversions ({conversions}) exceed visitors ({visitors})")
    return Proportion(n=visitors, conversions=conversions)


def parse_mean_stats(text: str, name: str) -> MeanStats:
    """``MEAN,SD,N`` -> MeanStats, checked."""
    parts = text.split(",")
    if len(parts) != 3:
        raise UserError(f"{name} must be MEAN,SD,N, e.g. 12.5,30.1,1000, got {text!r}")
    mean = _number(parts[0], f"{name} mean")
    sd = _number(parts[1], f"{name} sd")
    if sd < 0:
        raise UserError(f"{name} sd must not be negative, got {parts[1].strip()}")
    n = _count(parts[2], f"{name} n")
    if n < 2:
        raise UserError(f"{name} needs at least 2 observations, got n={n}")
    return MeanStats(n=n, mean=mean, sd=sd)


def _pair(values: tuple[float, float] | None) -> list[float] | None:
    return list(values) if values is not None else None


# ---- handlers ---------------------------------------------------------------------------------


def run_proportions(args: argparse.Namespace) -> int:
    a, b = parse_proportion(args.a, "--a"), parse_proportion(args.b, "--b")
    alpha, alternative = _alpha(args.alpha), _alternative(args.alternative)
    result = compare_proportions(a, b, alpha=alpha, alternative=alternative)
    bayes = compare_bayesian(a, b)
    payload: dict[str, Any] = {
        "a": {"visitors": a.n, "conversions": a.conversions},
        "b": {"visitors": b.n, "conversions": b.conversions},
        "rate_a": result.rate_a,
        "rate_b": result.rate_b,
        "abs_diff": result.abs_diff,
        "rel_lift": result.rel_lift,
        "ci_abs": _pair(result.ci_abs),
        "ci_rel": _pair(result.ci_rel),
        "ci_level": result.ci_level,
        "z": result.z,
        "p_value": result.p_value,
        "alpha": alpha,
        "alternative": alternative,
        "significant": result.significant,
        "prob_b_beats_a": bayes.prob_b_beats_a,
        "expected_loss_b": bayes.expected_loss_b,
        "expected_loss_a": bayes.expected_loss_a,
        "method": result.method,
        "ci_method": result.ci_method,
        "ci_rel_method": result.ci_rel_method,
        "bayes_method": f"{bayes.method}, Beta(1,1) priors",
        "verdict": proportion_verdict(result, name_a="A", name_b="B", language="en"),
    }
    if result.error:
        raise UserError(f"cannot compare: {result.error}")
    if args.json:
        print_json(payload)
    else:
        print(payload["verdict"])
        for key in ("rate_a", "rate_b", "rel_lift", "z", "p_value", "prob_b_beats_a"):
            print(f"{key}: {_fmt(payload[key])}")
    return 0


def run_means(args: argparse.Namespace) -> int:
    a, b = parse_mean_stats(args.a, "--a"), parse_mean_stats(args.b, "--b")
    alpha, alternative = _alpha(args.alpha), _alternative(args.alternative)
    result = compare_means(a, b, alpha=alpha, alternative=alternative)
    if result.error:
        raise UserError(f"cannot compare: {result.error.replace('_', ' ')}")
    payload = {
        "mean_a": a.mean,
        "mean_b": b.mean,
        "diff": result.diff,
        "se": result.se,
        "ci": _pair(result.ci),
        "ci_level": result.ci_level,
        "rel_lift": result.rel_lift,
        "ci_rel": _pair(result.ci_rel),
        "t": result.t,
        "df": result.df,
        "p_value": result.p_value,
        "alpha": alpha,
        "alternative": alternative,
        "significant": result.significant,
        "method": result.method,
        "ci_rel_method": result.ci_rel_method,
    }
    if args.json:
        print_json(payload)
    else:
        for key in ("diff", "ci", "t", "df", "p_value"):
            print(f"{key}: {_fmt(payload[key])}")
    return 0


def run_sample_size(args: argparse.Namespace) -> int:
    baseline = _number(args.baseline, "--baseline")
    if not 0 < baseline < 1:
        raise UserError(f"--baseline must be a rate between 0 and 1, got {args.baseline}")
    mde = _number(args.mde, "--mde")
    alpha = _alpha(args.alpha)
    power = _number(args.power, "--power")
    if not 0 < power < 1:
        raise UserError(f"--power must be between 0 and 1 (exclusive), got {args.power}")
    variants = _count(args.variants, "--variants")
    if variants < 2:
        raise UserError(f"--variants must be at least 2, got {variants}")
    traffic = _number(args.daily_traffic, "--daily-traffic") if args.daily_traffic else None
    if traffic is not None and traffic <= 0:
        raise UserError(f"--daily-traffic must be positive, got {args.daily_traffic}")
    plan = sample_size_proportions(
        baseline=baseline,
        mde=mde,
        relative=args.relative,
        alpha=alpha,
        power=power,
        sides="one-sided" if args.one_sided else "two-sided",
        variants=variants,
        daily_traffic=traffic,
        formula=args.formula,
    )
    if plan.error:
        target = baseline * (1 + mde) if args.relative else baseline + mde
        raise UserError(
            f"--mde must be non-zero and keep the target rate inside (0, 1), got target {target:g}"
        )
    payload = {
        "per_variant": plan.per_variant,
        "per_variant_exact": plan.per_variant_exact,
        "total": plan.total,
        "variants": plan.variants,
        "baseline": plan.baseline,
        "target": plan.target,
        "abs_mde": plan.abs_mde,
        "rel_mde": plan.rel_mde,
        "alpha": plan.alpha,
        "alpha_per_comparison": plan.alpha_per_comparison,
        "power": plan.power,
        "sides": plan.sides,
        "daily_traffic": plan.daily_traffic,
        "days": plan.days,
        "formula": plan.formula,
    }
    if args.json:
        print_json(payload)
    else:
        print(f"per variant: {plan.per_variant}  (total {plan.total})")
        print(f"formula: {plan.formula}")
    return 0


def run_srm(args: argparse.Namespace) -> int:
    counts = [_count(part, "--counts") for part in args.counts.split(",")]
    if len(counts) < 2:
        raise UserError("--counts needs at least two variants, e.g. 5000,5100")
    if sum(counts) == 0:
        raise UserError("--counts are all zero")
    weights = None
    if args.weights:
        weights = [_number(part, "--weights") for part in args.weights.split(",")]
        if len(weights) != len(counts):
            raise UserError(f"--weights has {len(weights)} values for {len(counts)} counts")
        if any(w <= 0 for w in weights):
            raise UserError("--weights must all be positive")
    result = sample_ratio_mismatch(counts, weights)
    if result.error:
        raise UserError(f"cannot check: {result.error.replace('_', ' ')}")
    payload = {
        "counts": list(result.counts),
        "weights": list(result.weights),
        "expected": list(result.expected or ()),
        "chi2": result.chi2,
        "df": result.df,
        "p_value": result.p_value,
        "threshold": result.threshold,
        "mismatch": result.mismatch,
        "method": result.method,
    }
    if args.json:
        print_json(payload)
    else:
        print(f"chi2: {_fmt(result.chi2)}  df: {result.df}  p_value: {_fmt(result.p_value)}")
        print("sample ratio mismatch!" if result.mismatch else "no sample ratio mismatch")
    return 0


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)
