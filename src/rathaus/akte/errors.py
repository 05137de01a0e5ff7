"""Domain errors of the E-Akte; their message is German and shown to users."""


class Refused(Exception):
    """An operation is not allowed by a model rule (state, guard, input).

    ``message`` is a complete German sentence for people; ``code`` is a
    stable identifier for programs.
    """

    def __init__(self, message, code='refused'):
        super().__init__(message)
        self.message = message
        self.code = code


class Frozen(Refused):
    """The node (or one of its containers) is immutable."""

    def __init__(self, message):
        super().__init__(message, code='frozen')


class NotPermitted(Refused):
    """The acting user lacks the permission for an operation."""

    def __init__(self, message):
        super().__init__(message, code='forbidden')
