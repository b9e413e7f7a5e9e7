"""Alert rules and notification channels in the UI (告警与推送), at the foot of the Overview.

- Alert rules (:mod:`opsdash.brief.alerts`): editors and admins list, add and remove them.
- Channels (:mod:`opsdash.notify.channels`): admins add, remove and test-send; editors see
  the masked list (names, kinds, the URL's host), viewers see none of this. A webhook URL, a
  signing secret or an SMTP password is typed into a password field, never shown back, and
  stored encrypted (:mod:`opsdash.notify.secrets`); test-send failures name the HTTP status
  or the vendor's error code, never the URL.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from opsdash.brief import alerts as alert_rules
from opsdash.brief.series import METRICS
from opsdash.brief.text import Message
from opsdash.errors import UserError
from opsdash.notify import channels as channel_store
from opsdash.notify.payloads import KINDS
from opsdash.notify.send import SendError, send_message
from opsdash.ui.auth import allowed, require
from opsdash.ui.components import table
from opsdash.ui.context import PageContext

RULES_ACTION = "manage_alerts"
CHANNELS_ACTION = "manage_channels"
FLASH_KEY = "alerts_flash"
TEST_ATTEMPTS = 1  # a person is waiting: one try, a short timeout
TEST_TIMEOUT_SECONDS = 5.0


def alerts_settings(ctx: PageContext, *, key: str) -> None:
    """The expander with rules and channels, for editors and admins only; widget keys start
    with ``key``."""
    if not allowed(RULES_ACTION):
        return
    t = ctx.t
    with st.expander(t("brief.alerts.title"), icon=":material/notifications:"):
        flash = st.session_state.pop(f"{key}_{FLASH_KEY}", None)
        if flash:
            kind, text = flash
            (st.success if kind == "ok" else st.error)(text)
        channels = channel_store.list_channels(ctx.engine)
        _rules_section(ctx, key=key, channel_names=[c.name for c in channels])
        st.divider()
        _channels_section(ctx, key=key, channels=channels)


def _done(key: str, kind: str, text: str) -> None:
    st.session_state[f"{key}_{FLASH_KEY}"] = (kind, text)
    st.rerun()


def _condition_text(ctx: PageContext, rule: alert_rules.Rule) -> str:
    t = ctx.t
    if rule.condition == "anomaly":
        return t("brief.alerts.condition.anomaly")
    if rule.condition == "change":
        return t("brief.alerts.condition.change_value", threshold=f"{rule.threshold:.0%}")
    return t(f"brief.alerts.condition.{rule.condition}_value", threshold=f"{rule.threshold:g}")


def _rules_section(ctx: PageContext, *, key: str, channel_names: list[str]) -> None:
    t = ctx.t
    st.subheader(t("brief.alerts.rules"))
    st.caption(t("brief.alerts.rules.help"))
    rules = alert_rules.list_rules(ctx.engine)
    if rules:
        table(
            pd.DataFrame(
                {
                    "#": [rule.id for rule in rules],
                    t("brief.alerts.col.metric"): [
                        t(f"brief.metric.{rule.metric}") for rule in rules
                    ],
                    t("brief.alerts.col.condition"): [_condition_text(ctx, r) for r in rules],
                    t("brief.alerts.col.segment"): [rule.segment or "–" for rule in rules],
                    t("brief.alerts.col.channel"): [
                        rule.channel or t("brief.alerts.every_channel") for rule in rules
                    ],
                }
            )
        )
    else:
        st.caption(t("brief.alerts.rules.none"))
    with st.form(f"{key}_rule_form", clear_on_submit=True):
        left, middle, right = st.columns(3)
        metric = left.selectbox(
            t("brief.alerts.col.metric"),
            METRICS,
            format_func=lambda name: t(f"brief.metric.{name}"),
            key=f"{key}_rule_metric",
        )
        condition = middle.selectbox(
            t("brief.alerts.col.condition"),
            alert_rules.CONDITIONS,
            format_func=lambda name: t(f"brief.alerts.condition.{name}"),
            key=f"{key}_rule_condition",
        )
        threshold = right.number_input(
            t("brief.alerts.threshold"),
            value=None,
            step=0.01,
            format="%g",
            help=t("brief.alerts.threshold.help"),
            key=f"{key}_rule_threshold",
        )
        left, right = st.columns(2)
        segment = left.text_input(
            t("brief.alerts.col.segment"),
            placeholder="channel=douyin",
            help=t("brief.alerts.segment.help"),
            key=f"{key}_rule_segment",
        )
        channel = right.selectbox(
            t("brief.alerts.col.channel"),
            [None, *channel_names],
            format_func=lambda name: name or t("brief.alerts.every_channel"),
            key=f"{key}_rule_channel",
        )
        submitted = st.form_submit_button(t("brief.alerts.add_rule"))
    if submitted:
        require(RULES_ACTION, language=ctx.language)
        try:
            number = alert_rules.add_rule(
                ctx.engine,
                metric=metric,
                condition=condition,
                threshold=threshold,
                segment=segment.strip() or None,
                channel=channel,
                created_by=ctx.username,
            )
        except UserError as error:
            st.error(t("brief.alerts.not_saved", detail=ctx.error_text(error)))
        else:
            _done(key, "ok", t("brief.alerts.rule_added", id=number))
    if rules:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        chosen = left.selectbox(
            t("brief.alerts.remove_rule"),
            [rule.id for rule in rules],
            format_func=lambda number: f"#{number}",
            index=None,
            key=f"{key}_rule_choice",
        )
        if right.button(
            t("brief.alerts.remove"),
            key=f"{key}_rule_remove",
            disabled=chosen is None,
            icon=":material/delete:",
        ):
            require(RULES_ACTION, language=ctx.language)
            alert_rules.remove_rule(ctx.engine, chosen)
            _done(key, "ok", t("brief.alerts.rule_removed", id=chosen))


def _channels_section(ctx: PageContext, *, key: str, channels: list[channel_store.Channel]) -> None:
    t = ctx.t
    st.subheader(t("brief.alerts.channels"))
    st.caption(t("brief.alerts.channels.help"))
    if channels:
        shown = [channel_store.masked(channel) for channel in channels]
        table(
            pd.DataFrame(
                {
                    t("brief.alerts.col.name"): [row["name"] for row in shown],
                    t("brief.alerts.col.kind"): [t(f"brief.kind.{row['kind']}") for row in shown],
                    t("brief.alerts.col.target"): [
                        row["target"] if row["readable"] else t("brief.alerts.unreadable")
                        for row in shown
                    ],
                    t("brief.alerts.col.secret"): [row["secret"] or "–" for row in shown],
                }
            )
        )
    else:
        st.caption(t("brief.alerts.channels.none"))
    if not allowed(CHANNELS_ACTION):
        st.caption(t("brief.alerts.channels.admins"))
        return
    with st.form(f"{key}_channel_form", clear_on_submit=True):
        left, right = st.columns(2)
        kind = left.selectbox(
            t("brief.alerts.col.kind"),
            KINDS,
            format_func=lambda name: t(f"brief.kind.{name}"),
            key=f"{key}_channel_kind",
        )
        name = right.text_input(
            t("brief.alerts.col.name"),
            placeholder="ops-wecom",
            help=t("brief.alerts.name.help"),
            key=f"{key}_channel_name",
        )
        # password fields: what is typed is never sent back to the browser
        target = st.text_input(
            t("brief.alerts.col.target"),
            type="password",
            help=t("brief.alerts.target.help"),
            autocomplete="off",
            key=f"{key}_channel_target",
        )
        secret = st.text_input(
            t("brief.alerts.col.secret"),
            type="password",
            help=t("brief.alerts.secret.help"),
            autocomplete="new-password",
            key=f"{key}_channel_secret",
        )
        submitted = st.form_submit_button(t("brief.alerts.add_channel"))
    if submitted:
        require(CHANNELS_ACTION, language=ctx.language)
        try:
            added = channel_store.add_channel(
                ctx.engine,
                kind=kind,
                target=target,
                secret=secret or None,
                name=name.strip() or None,
                created_by=ctx.username,
            )
        except UserError as error:
            st.error(t("brief.alerts.not_saved", detail=ctx.error_text(error)))
        else:
            for field in ("target", "secret"):  # never sent back to the browser
                st.session_state.pop(f"{key}_channel_{field}", None)
            _done(key, "ok", t("brief.alerts.channel_added", name=added.name))
    if not channels:
        return
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        t("brief.alerts.col.name"),
        [channel.name for channel in channels],
        index=None,
        key=f"{key}_channel_choice",
    )
    channel = next((c for c in channels if c.name == chosen), None)
    if middle.button(
        t("brief.alerts.test"),
        key=f"{key}_channel_test",
        disabled=channel is None,
        icon=":material/send:",
    ):
        require(CHANNELS_ACTION, language=ctx.language)
        title = t("brief.message.test")
        message = Message(title=title, markdown=f"### {title}", text=title)
        try:
            send_message(channel, message, attempts=TEST_ATTEMPTS, timeout=TEST_TIMEOUT_SECONDS)
        except SendError as error:
            _done(key, "error", t("brief.alerts.test_failed", name=chosen, detail=error.detail))
        else:
            _done(key, "ok", t("brief.alerts.test_sent", name=chosen))
    if right.button(
        t("brief.alerts.remove"),
        key=f"{key}_channel_remove",
        disabled=channel is None,
        icon=":material/delete:",
    ):
        require(CHANNELS_ACTION, language=ctx.language)
        channel_store.remove_channel(ctx.engine, chosen)
        _done(key, "ok", t("brief.alerts.channel_removed", name=chosen))
