"""Errors a user can cause. They carry a message meant for people, not a traceback."""


class UserError(Exception):
    """Bad input or a refused action; ``str(error)`` is the message to show."""
