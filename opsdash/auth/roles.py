"""Roles and what each may do: one table, one question (:func:`can`)."""

from __future__ import annotations

from typing import Literal

Role = Literal["admin", "editor", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "editor", "viewer")

# Every action a page or command may refuse. Reading the dashboards is "view".
ACTIONS = (
    "view",
    "import",
    "set_targets",
    "undo_batch",
    "manage_users",
    "manage_cohorts",
    "manage_alerts",  # alert rules on the brief's metrics
    "manage_channels",  # notification channels: their webhook URLs and secrets
)

PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"view"}),
    "editor": frozenset({"view", "import", "set_targets", "manage_cohorts", "manage_alerts"}),
    "admin": frozenset(ACTIONS),
}


def can(role: str | None, action: str) -> bool:
    """Whether ``role`` may perform ``action``; an unknown role or action may do nothing.

    admin: everything (manage users, undo import batches, notification channels); editor:
    import data, set targets, save and delete cohorts, manage alert rules; viewer: read only
    (viewers use cohorts as filters)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; known: {', '.join(ACTIONS)}")
    return action in PERMISSIONS.get(role or "", frozenset())


def is_role(value: str) -> bool:
    return value in ROLES
