"""What each kind of event can change on a station's screen, named once for every station.

Stations bring what they show up to date from the changes since their last read instead of
reading everything again (issue #11): the board (:mod:`khiw.engine.board_update`), the office
status of the kiosk and the counter (:mod:`khiw.engine.status`), the counter's snapshot
(:mod:`khiw.engine.counter_snapshot`), and each station's choice of the changes it hears at
all. These sets say, from the engine that writes each kind, which part of a screen it can
change. A kind none of them names (settings, a configuration applied, the day closed, a kind
added later) means a full read; the tests play random days and compare every update with a
full read after each step.
"""

from __future__ import annotations

from khiw.changes import PRINTS, UNSHOWN
from khiw.models import EventKind

#: A service's figures: its queue's counts, oldest ticket, recent calls or finished tickets.
#: A transfer names the ticket's first service; the new ticket's own ``issued`` names the other.
QUEUE_KINDS = frozenset(
    {
        EventKind.ISSUED,
        EventKind.CALLED,
        EventKind.FINISHED,
        EventKind.CANCELLED,
        EventKind.REACTIVATED,
        EventKind.EXPIRED,
        EventKind.TRANSFERRED,
    }
)
#: A service's waiting tickets or calls: what ``call_next`` gives next at a counter of it.
NEXT_KINDS = frozenset({EventKind.ISSUED, EventKind.CALLED, EventKind.CANCELLED, EventKind.REACTIVATED, EventKind.EXPIRED})
#: The calls a board shows: a new one, or whether a shown call's ticket is still called or served.
CALL_CHANGES = frozenset(
    {
        EventKind.CALLED,
        EventKind.RECALLED,
        EventKind.NO_SHOW,
        EventKind.FINISHED,
        EventKind.CANCELLED,
        EventKind.EXPIRED,
        EventKind.REACTIVATED,
        EventKind.TRANSFERRED,
    }
)
#: A counter opening, pausing, resuming or closing: its view, and every service it serves
#: (their open counters, hence their waits).
COUNTER_STATES = frozenset({EventKind.COUNTER_OPENED, EventKind.COUNTER_PAUSED, EventKind.COUNTER_RESUMED, EventKind.COUNTER_CLOSED})
#: Ticket changes at a counter that leave every queue's figures as they were: its view alone.
AT_COUNTER = frozenset({EventKind.RECALLED, EventKind.STARTED, EventKind.NO_SHOW})
#: Nothing an office status holds (the printer alert is the counter snapshot's own).
STATUS_UNSEEN = PRINTS | UNSHOWN
#: Nothing the board draws (a start leaves its ticket live: called, then served).
BOARD_UNSEEN = UNSHOWN | {EventKind.STARTED}
#: Nothing a kiosk shows (its queues' counts and waits, the office's settings; its printer's
#: state is its own): a recall, a service starting, print outcomes (its own come back from
#: its print worker), and what no station shows.
KIOSK_UNSEEN = UNSHOWN | PRINTS | {EventKind.RECALLED, EventKind.STARTED}
#: What may change any counter's screen, whichever counter and services it has: its queues'
#: waits (counters opening and closing), the printer banner, the office's settings and services.
COUNTER_OFFICE_WIDE = COUNTER_STATES | PRINTS | {EventKind.DAY_CLOSED, EventKind.CONFIG_APPLIED, EventKind.SETTINGS_CHANGED}
