"""A/B test statistics: frozen sufficient statistics in, frozen typed results out, no I/O.

Modelled on GrowthBook's ``gbstats``: :class:`~opsdash.abtest.models.Proportion` and
:class:`~opsdash.abtest.models.MeanStats` go in; degenerate input (zero visitors, more
conversions than visitors, zero variance ...) comes back as a result whose ``error`` is a
stable code string (see :mod:`opsdash.abtest.models`) instead of an exception.

Modules: ``frequentist`` (z-test, Welch), ``bayesian`` (exact Beta-Beta), ``planning``
(sample size, MDE, duration), ``checks`` (SRM, multiple comparisons, mSPRT), ``cuped``,
``summary`` (verdicts and Markdown), ``data`` (the only module that reads the store or files).
"""
