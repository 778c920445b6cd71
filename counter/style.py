"""Colours and the style sheet: high contrast, big type, the Sarabun font throughout."""

from __future__ import annotations

from counter.timing import Pace
from khiw.engine import CounterState

INK = "#102027"
PAPER = "#F4F6F8"
PANEL = "#FFFFFF"
BAR = "#0D3B66"
MUTED = "#546E7A"
OPEN = "#2E7D32"
PAUSED = "#EF6C00"
CLOSED = "#78909C"
ALERT = "#B71C1C"

PACE_COLOURS = {Pace.NORMAL: "#2E7D32", Pace.AMBER: "#F9A825", Pace.RED: "#C62828"}
STATE_COLOURS = {CounterState.OPEN: OPEN, CounterState.PAUSED: PAUSED, CounterState.CLOSED: CLOSED}


def sheet(family: str) -> str:
    """The application style sheet, in the Sarabun family ``family``."""
    return f"""
    QWidget {{ font-family: "{family}"; color: {INK}; }}
    QMainWindow, QStackedWidget > QWidget {{ background: {PAPER}; }}
    #topBar {{ background: {BAR}; }}
    #topBar QLabel {{ color: white; }}
    #topBar QPushButton {{ background: transparent; color: white; border: 2px solid #90A4AE;
        border-radius: 8px; padding: 4px 14px; font-size: 17px; }}
    #topBar QPushButton:disabled {{ color: #90A4AE; }}
    #panel {{ background: {PANEL}; border: 1px solid #CFD8DC; border-radius: 12px; }}
    #panelTitle {{ font-size: 19px; font-weight: 700; color: {BAR}; padding-top: 5px; }}
    #banner {{ background: {ALERT}; color: white; font-size: 19px; font-weight: 700; padding: 6px 14px; }}
    #notice {{ font-size: 19px; padding: 4px 14px; background: #E3EAF0; }}
    #notice[error="true"] {{ background: #FFEBEE; color: {ALERT}; font-weight: 700; }}
    #actionButton {{ background: {PANEL}; border: 2px solid {BAR}; border-radius: 12px;
        font-size: 21px; font-weight: 700; color: {BAR}; padding: 4px; }}
    #actionButton:hover {{ background: #E3F2FD; }}
    #actionButton:pressed {{ background: #BBDEFB; }}
    #actionButton:disabled {{ border-color: #CFD8DC; color: #B0BEC5; background: #F5F7F8; }}
    #actionButton[main="true"]:enabled {{ background: {BAR}; color: white; }}
    #bigButton {{ background: {BAR}; color: white; border-radius: 10px; font-size: 22px;
        font-weight: 700; padding: 10px 24px; }}
    #bigButton:disabled {{ background: #B0BEC5; }}
    #choiceButton {{ background: {PANEL}; border: 2px solid {BAR}; border-radius: 10px;
        font-size: 20px; padding: 10px 16px; text-align: left; }}
    #choiceButton:hover {{ background: #E3F2FD; }}
    #choiceButton:disabled {{ border-color: #CFD8DC; color: #90A4AE; }}
    QLineEdit {{ font-size: 24px; padding: 6px 10px; border: 2px solid #90A4AE; border-radius: 8px;
        background: white; }}
    QLineEdit:focus {{ border-color: {BAR}; }}
    QTableWidget {{ font-size: 17px; background: {PANEL}; border: none; gridline-color: #ECEFF1; }}
    QHeaderView::section {{ font-size: 15px; font-weight: 700; color: {MUTED}; background: {PANEL};
        border: none; border-bottom: 2px solid #CFD8DC; padding: 4px 6px; }}
    QTabWidget::pane {{ border: none; }}
    QTabBar::tab {{ font-size: 18px; padding: 8px 22px; }}
    QTabWidget#reportTabs > QTabBar::tab {{ font-size: 16px; padding: 8px 9px; }}
    QTabBar::tab:selected {{ font-weight: 700; color: {BAR}; border-bottom: 3px solid {BAR}; }}
    """
