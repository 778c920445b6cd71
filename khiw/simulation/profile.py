"""What a day at a Thai local office looks like, as numbers the simulation draws from.

Arrivals peak in the morning (people come before work and before the midday heat), dip at
lunch and fade before closing; Mondays are busiest and Fridays lightest; land-and-building
tax brings a season from February to April (payment is due by the end of April). Service
times scatter around 70 % of each service's published standard, so most but not all
services finish within it.
"""

from __future__ import annotations

from datetime import date, time

from khiw.models import Priority

# Relative arrival rate by local half-hour from 08:00 (index 0) to 16:30 (index 17).
HALF_HOURS = (0.3, 0.9, 1.4, 1.5, 1.6, 1.5, 1.3, 1.1, 0.6, 0.5, 0.9, 1.0, 1.0, 0.9, 0.8, 0.6, 0.4, 0.2)
FIRST_HALF_HOUR = time(8, 0)
WEEKDAY = (1.15, 1.0, 1.0, 0.95, 0.9, 0.0, 0.0)  # Monday … Sunday (closed at weekends)

# Share of arrivals per service code; a service not named here gets the average share.
MIX = {"TAX": 0.22, "REG": 0.20, "WEL": 0.15, "BLD": 0.07, "CMP": 0.08, "INF": 0.28}
TAX_SEASON = {2: 1.6, 3: 2.0, 4: 2.4}  # month → extra weight of TAX

PRIORITY_SHARE = {Priority.ELDERLY: 0.12, Priority.DISABLED: 0.02, Priority.PREGNANT: 0.01, Priority.MONK: 0.01}

SERVICE_MEDIAN = 0.7  # median service time as a share of the standard
SERVICE_SIGMA = 0.45  # log-normal spread
WALK_UP_S = (15, 90)
NO_SHOW = 0.04
COMES_BACK = 0.25  # of no-shows, who return the same day and are put back in the queue
TRANSFER = 0.02
OUT_OF_ORDER = 0.004
GIVES_UP = 0.01  # waiting tickets cancelled (the citizen leaves)
MEETING = 0.06  # chance a counter has a meeting pause on a given day
OUT_OF_ORDER_REASONS = ("นัดหมายล่วงหน้า", "ผู้รับบริการต่อเนื่องจากเรื่องเดิม", "ผู้บริหารสั่งการเร่งด่วน")


def service_weights(codes: list[str], day: date) -> list[float]:
    """Relative arrival weight of each service code on ``day``."""
    default = sum(MIX.values()) / len(MIX)
    weights = [MIX.get(code, default) for code in codes]
    return [w * (TAX_SEASON.get(day.month, 1.0) if code == "TAX" else 1.0) for w, code in zip(weights, codes, strict=True)]

# The satisfaction survey: QR-code surveys reach about one citizen in eight; answers lean to
# the top of the scale with a little spread between dimensions, as Thai offices report them.
SURVEY = 0.12
SURVEY_DELAY_MIN = (1, 90)  # minutes after service the answer is sent (on the way home)
SURVEY_MOOD = (5, 4, 3, 2)  # a respondent's overall feeling ...
SURVEY_MOOD_P = (0.48, 0.38, 0.11, 0.03)  # ... and how common it is
SURVEY_SPREAD = (-1, 0, 0, 0, 1)  # each dimension: the mood, or one step either side
SURVEY_COMMENT = 0.15
SURVEY_COMMENTS = ("เจ้าหน้าที่บริการดี ยิ้มแย้มแจ่มใส", "รอนานไปหน่อย", "ที่จอดรถไม่เพียงพอ", "ขอบคุณค่ะ", "ควรมีที่นั่งรอเพิ่ม")
