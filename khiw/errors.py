"""Typed errors. Each carries its data; the CLI prints ``str(err)`` (English) and the stations
map the class to a Thai message in one place each.
"""

from __future__ import annotations

from datetime import datetime


class KhiwError(Exception):
    """Base of every error Khiw reports to a person instead of a traceback."""

    exit_code = 1
    #: Commit the transaction's changes before raising (a failed sign-in must still count).
    keeps_changes = False

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take their data as arguments, so rebuild from state, not from ``args``:
        # errors must cross process boundaries (worker pools, the benchmarks) intact.
        return (_rebuild, (type(self), str(self), self.__dict__))


def _rebuild(cls: type[KhiwError], message: str, state: dict[str, object]) -> KhiwError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class ConfigError(KhiwError):
    """``khiw.toml`` is malformed; names the file, line and key so it can be fixed."""

    exit_code = 2

    def __init__(self, path: str, line: int | None, key: str, message: str) -> None:
        self.path, self.line, self.key, self.message = path, line, key, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


class UsageError(KhiwError):
    """A command-line value Khiw cannot use (a database URL, a range, a file to write)."""

    exit_code = 2


class DatabaseUnavailable(KhiwError):
    """The database cannot be reached (server down, file unwritable); nothing was changed."""

    exit_code = 4


class SchemaOutdated(KhiwError):
    """The database has not been created or upgraded yet: run ``khiw init``."""

    exit_code = 4


class NotFound(KhiwError):
    """An office, service, counter, staff member or ticket that does not exist."""

    def __init__(self, what: str, key: object) -> None:
        self.what, self.key = what, key
        super().__init__(f"unknown {what}: {key}")


class QueueEmpty(KhiwError):
    """Nobody waits for the services of this counter."""

    exit_code = 3

    def __init__(self, counter: int) -> None:
        self.counter = counter
        super().__init__(f"nobody is waiting for counter {counter}")


class InvalidTransition(KhiwError):
    """The ticket is not in a state that allows this action (e.g. finishing a waiting ticket)."""

    def __init__(self, code: str, status: str, action: str) -> None:
        self.code, self.status, self.action = code, status, action
        super().__init__(f"ticket {code} is {status}; cannot {action}")


class CounterBusy(KhiwError):
    """The counter still has a ticket called or in service; finish or no-show it first."""

    def __init__(self, counter: int, code: str) -> None:
        self.counter, self.code = counter, code
        super().__init__(f"counter {counter} still has ticket {code}; finish it or mark no-show first")


class CounterClosed(KhiwError):
    """The counter is not open (closed or paused), so it cannot call tickets."""

    def __init__(self, counter: int, state: str) -> None:
        self.counter, self.state = counter, state
        super().__init__(f"counter {counter} is {state}")


class ServiceClosed(KhiwError):
    """No ticket can be issued now: ``reason`` is ``inactive``, ``hours`` or ``cap``."""

    def __init__(self, code: str, reason: str, detail: str = "") -> None:
        self.code, self.reason, self.detail = code, reason, detail
        text = {"inactive": "is not offered", "hours": "is outside its opening hours", "cap": "has reached its daily cap"}
        super().__init__(f"service {code} {text.get(reason, reason)}" + (f" ({detail})" if detail else ""))


class PriorityNotOffered(KhiwError):
    """The office has not switched on this priority class."""

    def __init__(self, priority: str) -> None:
        self.priority = priority
        super().__init__(f"priority class {priority} is not switched on for this office")


class ReasonRequired(KhiwError):
    """Calling a ticket out of order needs a reason, which the event log keeps."""

    def __init__(self, action: str) -> None:
        self.action = action
        super().__init__(f"{action} needs a reason")


class PermissionDenied(KhiwError):
    """The staff member's role does not allow this action."""

    def __init__(self, username: str, action: str, needed: str) -> None:
        self.username, self.action, self.needed = username, action, needed
        super().__init__(f"{username} may not {action}: needs role {needed}")


class AuthFailed(KhiwError):
    """Wrong username or PIN: the same error for both, so usernames cannot be found by guessing.

    It says nothing of the attempts left either: an unknown name's count would never go down.
    """

    keeps_changes = True

    def __init__(self, username: str) -> None:
        self.username = username
        super().__init__(f"wrong username or PIN for {username}")


class AccountLocked(KhiwError):
    """Too many wrong PINs; the account opens again at ``until``."""

    keeps_changes = True

    def __init__(self, username: str, until: datetime) -> None:
        self.username, self.until = username, until
        super().__init__(f"account {username} is locked until {until.isoformat(timespec='minutes')}")


class SurveyClosed(KhiwError):
    """This ticket's survey cannot be answered: ``reason`` is ``not_served`` (no-show,
    cancelled, still waiting...) or ``expired`` (more than the allowed days after service)."""

    def __init__(self, ticket_id: int, reason: str) -> None:
        self.ticket_id, self.reason = ticket_id, reason
        super().__init__(f"the survey of ticket {ticket_id} is closed ({reason})")


class SurveyAlreadyAnswered(KhiwError):
    """The ticket's survey was answered already; one answer per ticket."""

    def __init__(self, ticket_id: int) -> None:
        self.ticket_id = ticket_id
        super().__init__(f"the survey of ticket {ticket_id} has already been answered")


class SettingProblem:
    """One field an edit got wrong: ``code`` says which rule (``too_long``, ``range``, ``pattern``,
    ``number``, ``time``, ``duplicate``, ``hours``, ``required``, ``in_use``, ``self``,
    ``invalid``), ``limit`` its bound, for a
    screen to word it in Thai; ``message`` is the loader's English."""

    __slots__ = ("field", "code", "limit", "message")

    def __init__(self, field: str, code: str, message: str, limit: object = None) -> None:
        self.field, self.code, self.message, self.limit = field, code, message, limit

    def __repr__(self) -> str:
        return f"SettingProblem({self.field!r}, {self.code!r}, {self.message!r}, {self.limit!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (SettingProblem, (self.field, self.code, self.message, self.limit))


class InvalidSettings(KhiwError):
    """An edit breaks the rules ``khiw.toml`` obeys; nothing was saved. One problem per field."""

    exit_code = 2

    def __init__(self, problems: list[SettingProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class StaleEdit(KhiwError):
    """Someone changed the record since this edit started: ``current`` is its value now."""

    def __init__(self, section: str, key: object, field: str, current: object) -> None:
        self.section, self.key, self.field, self.current = section, key, field, current
        super().__init__(f"{section} {key}: {field} was changed meanwhile (now {current!r}); reload and edit again")
