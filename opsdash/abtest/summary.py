"""Plain-language verdicts and a Markdown summary of an A/B result, in Chinese or English.

Verdict rule: "significant" when the (multiple-comparison adjusted) p-value is below alpha;
then B is called better (difference > 0) or worse (< 0) than A. Otherwise "no significant
difference". The difference and its interval are shown in percentage points (pp) for rates,
in the metric's unit for means. All text goes through :func:`opsdash.i18n.translate`.
"""

from __future__ import annotations

from collections.abc import Sequence

from opsdash.abtest.bayesian import BayesResult
from opsdash.abtest.checks import SRM_THRESHOLD, SrmResult
from opsdash.abtest.frequentist import MeanTestResult, ProportionTestResult
from opsdash.i18n import translate


def signed(value: float, decimals: int) -> str:
    """``+1.20`` / ``-0.35``; zero without a sign."""
    text = f"{value:+.{decimals}f}"
    return text[1:] if float(text) == 0 else text


def _pp_decimals(*values: float) -> int:
    largest = max(abs(v) for v in values)
    return 1 if largest >= 1 else 2


def _number_decimals(*values: float) -> int:
    largest = max(abs(v) for v in values)
    if largest >= 100:
        return 0
    if largest >= 10:
        return 1
    if largest >= 1:
        return 2
    return 3


def format_pp(diff: float, ci: tuple[float, float] | None) -> tuple[str, str, str]:
    """Difference and interval bounds of two rates as signed percentage-point strings."""
    values = [diff * 100] + ([c * 100 for c in ci] if ci else [])
    decimals = _pp_decimals(*values)
    low, high = (signed(c * 100, decimals) for c in ci) if ci else ("–", "–")
    return signed(diff * 100, decimals), low, high


def format_p(p: float | None) -> str:
    if p is None:
        return "–"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def proportion_verdict(
    result: ProportionTestResult, *, name_a: str, name_b: str, language: str
) -> str:
    """One sentence, e.g. "B is better than A: +1.2 pp, 95% CI +0.3 to +2.1 pp; significant
    (p = 0.004)"."""
    if result.error or result.abs_diff is None:
        return translate(f"abtest.error.{result.error}", language)
    diff, low, high = format_pp(result.abs_diff, result.ci_abs)
    return _verdict(
        result.significant,
        result.abs_diff,
        name_a=name_a,
        name_b=name_b,
        language=language,
        effect=translate("abtest.verdict.pp", language, value=diff),
        low=low,
        high=high,
        level=round((result.ci_level or 0.95) * 100),
        p=result.p_value_adjusted if result.p_value_adjusted is not None else result.p_value,
    )


def mean_verdict(result: MeanTestResult, *, name_a: str, name_b: str, language: str) -> str:
    """One sentence for a continuous metric, difference in the metric's unit."""
    if result.error or result.diff is None or result.ci is None:
        return translate(f"abtest.error.{result.error}", language)
    decimals = _number_decimals(result.diff, *result.ci)
    effect = signed(result.diff, decimals)
    if result.rel_lift is not None:
        effect += f" ({signed(result.rel_lift * 100, 1)}%)"
    return _verdict(
        result.significant,
        result.diff,
        name_a=name_a,
        name_b=name_b,
        language=language,
        effect=effect,
        low=signed(result.ci[0], decimals),
        high=signed(result.ci[1], decimals),
        level=round((result.ci_level or 0.95) * 100),
        p=result.p_value_adjusted if result.p_value_adjusted is not None else result.p_value,
        unit="",
    )


def _verdict(
    significant: bool,
    diff: float,
    *,
    name_a: str,
    name_b: str,
    language: str,
    effect: str,
    low: str,
    high: str,
    level: int,
    p: float | None,
    unit: str | None = None,
) -> str:
    if significant and diff > 0:
        key = "abtest.verdict.better"
    elif significant and diff < 0:
        key = "abtest.verdict.worse"
    else:
        key = "abtest.verdict.no_difference"
    high_text = translate("abtest.verdict.pp", language, value=high) if unit is None else high
    return translate(
        key,
        language,
        a=name_a,
        b=name_b,
        effect=effect,
        level=level,
        low=low,
        high=high_text,
        p=format_p(p),
    )


def _pct(value: float | None, decimals: int = 2) -> str:
    return "–" if value is None else f"{value * 100:.{decimals}f}%"


def markdown_summary(
    *,
    names: Sequence[str],
    results: Sequence[ProportionTestResult],
    bayes: Sequence[BayesResult] = (),
    srm: SrmResult | None = None,
    warnings: Sequence[str] = (),
    extra_lines: Sequence[str] = (),
    title: str | None = None,
    language: str = "en",
) -> str:
    """A Markdown block for a review: a table per variant (users, conversions, rate,
    difference to control with CI, relative lift, p-value, P(beats control), expected loss),
    the verdicts, the checks and the methods used. ``names[0]`` is the control; ``results``
    and ``bayes`` hold one entry per other variant."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    lines = [f"### {title or t('abtest.summary.title')}", ""]
    header = [
        t("abtest.col.variant"),
        t("abtest.col.users"),
        t("abtest.col.conversions"),
        t("abtest.col.rate"),
        t("abtest.col.abs_diff"),
        t("abtest.col.ci_abs"),
        t("abtest.col.rel_lift"),
        t("abtest.col.p_value"),
        t("abtest.col.prob_beats"),
        t("abtest.col.loss"),
    ]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    if results:
        control = results[0].a
        lines.append(
            f"| {names[0]} ({t('abtest.control')}) | {control.n:,} | {control.conversions:,} | "
            f"{_pct(control.rate)} | | | | | | |"
        )
    for index, result in enumerate(results):
        bayes_result = bayes[index] if index < len(bayes) else None
        if result.abs_diff is not None:
            diff, low, high = format_pp(result.abs_diff, result.ci_abs)
            diff_text, ci_text = f"{diff} pp", f"{low} … {high} pp"
        else:
            diff_text = ci_text = "–"
        rel = "–" if result.rel_lift is None else f"{signed(result.rel_lift * 100, 1)}%"
        prob = _pct(bayes_result.prob_b_beats_a, 1) if bayes_result else "–"
        loss = (
            f"{bayes_result.expected_loss_b * 100:.3f} pp"
            if bayes_result and bayes_result.expected_loss_b is not None
            else "–"
        )
        lines.append(
            f"| {names[index + 1]} | {result.b.n:,} | {result.b.conversions:,} | "
            f"{_pct(result.rate_b)} | {diff_text} | {ci_text} | {rel} | "
            f"{format_p(result.p_value_adjusted)} | {prob} | {loss} |"
        )
    lines.append("")
    for index, result in enumerate(results):
        verdict = proportion_verdict(
            result, name_a=names[0], name_b=names[index + 1], language=language
        )
        lines.append(f"- {verdict}")
    lines.extend(f"- {line}" for line in extra_lines)
    lines.append("")
    if srm is not None and srm.p_value is not None:
        key = "abtest.srm.mismatch" if srm.mismatch else "abtest.srm.ok"
        line = t(key, chi2=f"{srm.chi2:.2f}", p=format_p(srm.p_value), threshold=SRM_THRESHOLD)
        lines.append(f"- {line}")
    lines.extend(f"- {t(f'abtest.warning.{code}')}" for code in warnings)
    if results:
        first = results[0]
        lines.append(
            "- "
            + t(
                "abtest.summary.methods",
                alternative=t(f"abtest.alternative.{first.alternative}"),
                alpha=first.alpha,
                correction=t(f"abtest.correction.{first.correction}"),
                test=first.method,
                ci=first.ci_method,
            )
        )
    return "\n".join(lines).rstrip() + "\n"
