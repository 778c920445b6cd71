"""Which call the big panel shows: the one being said, never a stale or mismatched one.

Calls arrive faster than they can be said (five counters in one second, eight seconds each to
announce). The board then shows large the call whose announcement is playing (or, between two,
the next to play), lists the calls still waiting to be said after it, and the per-counter list
shows every counter's latest call at once. After the last announcement the panel keeps the
last call said while that ticket is still called or served at an open counter; otherwise
(finished, counter closed, the board just started after a finished call) it shows the calm
"please wait to be called" state.
"""

from __future__ import annotations

from collections import deque

from khiw.engine.board import BoardCall, BoardState


class CallQueue:
    """The board's announcement bookkeeping, driven by the controller and the voice.

    ``add`` when a new call is read, ``start``/``done`` as the voice begins and ends each
    announcement (by event id, in order), ``update`` with every snapshot.
    """

    def __init__(self) -> None:
        self.waiting: deque[BoardCall] = deque()
        self.speaking: BoardCall | None = None
        self.last: BoardCall | None = None
        self.state: BoardState | None = None

    def update(self, state: BoardState) -> None:
        """Take a new snapshot; the first one's latest call is the last call said."""
        if self.state is None:
            self.last = state.latest
        self.state = state

    def add(self, call: BoardCall) -> None:
        self.waiting.append(call)

    def start(self, event_id: int) -> None:
        """The voice begins announcing ``event_id`` (the oldest waiting call)."""
        while self.waiting:
            call = self.waiting.popleft()
            if call.event_id == event_id:
                self.speaking = call
                return
        self.speaking = None

    def done(self, event_id: int) -> None:
        if self.speaking is not None and self.speaking.event_id == event_id:
            self.last, self.speaking = self.speaking, None

    def shown(self) -> BoardCall | None:
        """The call for the big panel, or None for the waiting state: the one being said, else
        the next to be said (a call to a quiet board shows at once, not first in the line of
        calls still to say while its announcement is prepared), else the last one said."""
        if self.speaking is not None:
            return self.speaking
        if self.waiting:
            return self.waiting[0]
        if self.last is None or self.state is None:
            return None
        for call in self.state.per_counter:
            if call.counter_number == self.last.counter_number and call.ticket_code == self.last.ticket_code:
                return call if call.live else None
        return None

    def upcoming(self) -> tuple[BoardCall, ...]:
        """The calls still to be said, oldest first, but the one the panel shows."""
        return tuple(self.waiting) if self.speaking is not None else tuple(self.waiting)[1:]
