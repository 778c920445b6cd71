"""Satisfaction survey answers, reached through the ticket's QR code."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from khiw.models.base import Base, UTCDateTime
from khiw.models.ids import TicketId


class SurveyDimension(StrEnum):
    """The four dimensions Thai local governments report satisfaction on (ITA).

    The values are the column names of :class:`SurveyResponse`; the Thai and English names
    are declared once here so the survey form, the public page and the report agree.
    """

    PROCESS = "process"
    STAFF = "staff"
    FACILITIES = "facilities"
    OUTCOME = "outcome"

    @property
    def name_th(self) -> str:
        return _NAMES[self][0]

    @property
    def name_en(self) -> str:
        return _NAMES[self][1]


_NAMES = {
    SurveyDimension.PROCESS: ("ด้านกระบวนการ/ขั้นตอนการให้บริการ", "Process and steps"),
    SurveyDimension.STAFF: ("ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ", "Staff"),
    SurveyDimension.FACILITIES: ("ด้านสิ่งอำนวยความสะดวก", "Facilities"),
    SurveyDimension.OUTCOME: ("ด้านผลของการให้บริการ", "Outcome of the service"),
}


class SurveyResponse(Base):
    """One answer per ticket: each dimension from 1 (น้อยที่สุด) to 5 (มากที่สุด), and a comment.

    ``score`` is the overall answer, the four dimensions' mean rounded half up, kept so that
    readers of the one-score survey keep working. Answers from before the dimensions were
    asked have only ``score``.
    """

    __tablename__ = "survey_responses"

    ticket_id: Mapped[TicketId] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text(), default="")
    process: Mapped[int | None] = mapped_column(SmallInteger())
    staff: Mapped[int | None] = mapped_column(SmallInteger())
    facilities: Mapped[int | None] = mapped_column(SmallInteger())
    outcome: Mapped[int | None] = mapped_column(SmallInteger())
