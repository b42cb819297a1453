"""The one error the stack reports to a person and exits on."""


class StackError(Exception):
    """Something the person running the stack must fix; the message says what and how."""
