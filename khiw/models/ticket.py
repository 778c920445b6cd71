"""A queue ticket: the current state of one citizen's visit for one service."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint, and_, literal_column, or_
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.enums import Priority, TicketStatus
from khiw.models.ids import CounterId, OfficeId, ServiceId, StaffId, TicketId


class Ticket(Base):
    """The ticket row is the current state; the event log is the history.

    ``queued_at`` orders the queue: it equals ``issued_at`` except for a transfer, which keeps
    the arrival time of the ticket it came from. ``(service_id, service_day, number)`` is
    unique, so no number can be issued twice even if allocation were wrong.

    ``lane_seq`` is the ticket's place among the arrivals at the back of its lane
    (:mod:`khiw.engine.queue_counts` gives 1, 2, 3… of each service, day and lane, in queue
    order); None for a ticket that joined in the middle (a transfer keeping its arrival time,
    a kiosk whose clock is behind another's).
    With it the phone page counts the people ahead from the lane's counts and the few tickets
    out of line (:mod:`khiw.engine.position`), not by walking the queue.
    """

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("service_id", "service_day", "number"),
        Index("ix_tickets_queue", "service_id", "status", "service_day", "queued_at"),
        Index("ix_tickets_office_day", "office_id", "service_day"),
        # The head of each lane (a priority class) in arrival order: what call-next reads.
        Index("ix_tickets_lane", "service_id", "status", "service_day", "priority", "queued_at", "id"),
        # Each service's tickets finished on a day, by finish time: its recent service rate
        # reads the newest few (khiw.engine.position._finished_statement).
        Index("ix_tickets_finished", "service_id", "status", "service_day", "finished_at"),
        Index("ix_tickets_counter", "counter_id", "status"),
        # The tickets at counters now (called or serving): few, whatever the history holds.
        Index("ix_tickets_status_counter", "status", "counter_id"),
        Index("ix_tickets_transferred_from", "transferred_from_id"),  # a transferred ticket's next one
    )

    id: Mapped[TicketId] = mapped_column(primary_key=True)
    office_id: Mapped[OfficeId] = mapped_column(ForeignKey("offices.id"))
    service_id: Mapped[ServiceId] = mapped_column(ForeignKey("services.id"))
    service_day: Mapped[date] = mapped_column(Date())
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    priority: Mapped[Priority] = mapped_column(default=Priority.NONE)
    status: Mapped[TicketStatus] = mapped_column(default=TicketStatus.WAITING)
    token: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    counter_id: Mapped[CounterId | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[StaffId | None] = mapped_column(ForeignKey("staff.id"))
    transferred_from_id: Mapped[TicketId | None] = mapped_column(ForeignKey("tickets.id"))
    lane_seq: Mapped[int | None] = mapped_column(Integer)


# The few tickets out of line, each kind under its own partial index (khiw.engine.position
# reads them on every phone page; the status is written out, not bound, so that both
# databases know at planning time that the index applies).
#: Waiting, but not in a place taken at the back of the lane: joined in the middle, or came
#: back after a call (a reactivated no-show keeps its place number but has left it once).
OUT_OF_LINE = and_(Ticket.status == literal_column("'waiting'"), or_(Ticket.lane_seq.is_(None), Ticket.called_at.is_not(None)))
#: A place at the back of the lane whose ticket is no longer waiting in it: called, cancelled,
#: expired, or called and come back (in a busy lane: every place before the queue's head).
PLACE_LEFT = and_(Ticket.lane_seq.is_not(None), or_(Ticket.status != literal_column("'waiting'"), Ticket.called_at.is_not(None)))

def declare_partial_indexes() -> None:
    """Add the two partial indexes of the tickets out of line to the table's metadata (once).

    Migration 0008 creates them. They are declared on demand, not when the models load: their
    ``postgresql_where`` makes SQLAlchemy load PostgreSQL's dialect (about 100 ms here), which
    every ``khiw`` command on a SQLite office would then pay (issue #11). Alembic's environment
    and the test that compares the models with the migrations call this.
    """
    if any(index.name == "ix_tickets_out_of_line" for index in Ticket.__table__.indexes):
        return
    # ``status``, the same for every entry, is in the first index's key all the same: SQLite, which
    # plans without statistics, chose ix_tickets_lane (walking the whole lane) while it matched one more equality.
    Index("ix_tickets_out_of_line", Ticket.service_id, Ticket.status, Ticket.service_day, Ticket.priority, Ticket.queued_at, Ticket.id, postgresql_where=OUT_OF_LINE, sqlite_where=OUT_OF_LINE)
    Index("ix_tickets_place_left", Ticket.service_id, Ticket.service_day, Ticket.priority, Ticket.lane_seq, postgresql_where=PLACE_LEFT, sqlite_where=PLACE_LEFT)
