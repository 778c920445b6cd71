"""Satisfaction survey answers, reached through the ticket's QR code (filled in later)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.ids import TicketId


class SurveyResponse(Base):
    """One answer per ticket: a score from 1 (worst) to 5 (best) and an optional comment."""

    __tablename__ = "survey_responses"

    ticket_id: Mapped[TicketId] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text(), default="")
