"""Printing one ticket image and saying exactly what went wrong when it did not print.

Order for an ESC/POS printer: connect (short timeout), ask its status where it can answer
(offline, cover open, paper out), send reset + raster + cut, close. Every failure becomes a
:class:`PrintProblem`, never an exception, so the kiosk can tell the citizen in Thai and
alert staff while the ticket itself stays valid.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from PIL import Image

from khiw.config import PrinterConfig
from khiw.printing import escpos
from khiw.printing.devices import ANSWERING_KINDS, ESCPOS_KINDS, open_device
from khiw.printing.outcome import PrintOutcome, PrintProblem

log = logging.getLogger(__name__)


class _Stop(Exception):
    """A status reply that rules out printing."""

    def __init__(self, problem: PrintProblem, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem


class TicketPrinter:
    """The configured printer. Not thread-safe: call it from one print thread."""

    def __init__(self, cfg: PrinterConfig) -> None:
        self.cfg = cfg

    @property
    def enabled(self) -> bool:
        """False when tickets are only shown on screen (``kind = "none"``)."""
        return self.cfg.kind != "none"

    def print_image(self, image: Image.Image, *, name: str = "ticket", on_send: Callable[[], None] | None = None) -> PrintOutcome:
        """Print ``image`` (as wide as ``width_dots``); ``name`` names a folder printer's file.

        ``on_send`` is called once the printer is found ready, just before the ticket is sent
        (the kiosk's watchdog then allows for a long transfer instead of a dead printer).
        """
        start = time.monotonic()
        if self.cfg.kind == "none":
            return PrintOutcome(printed=False)
        if self.cfg.kind == "folder":
            if on_send:
                on_send()
            return self._save(image, name, start)
        if self.cfg.kind not in ESCPOS_KINDS:
            return PrintOutcome(False, PrintProblem.ERROR, f"unknown printer kind {self.cfg.kind}")
        return self._escpos(escpos.ticket(image, self.cfg.cut), start, on_send)

    def _save(self, image: Image.Image, name: str, start: float) -> PrintOutcome:
        folder = Path(self.cfg.path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{name}.png"
            # Written under another name, then renamed: whoever watches the folder (the
            # demo's paper tray) never sees a half-written ticket under its real name.
            partial = folder / f"{name}.png.part"
            image.save(partial, format="PNG")
            partial.replace(target)
        except OSError as err:
            return PrintOutcome(False, PrintProblem.ERROR, f"cannot write {folder}: {err.strerror}", seconds=time.monotonic() - start)
        return PrintOutcome(True, bytes_sent=target.stat().st_size, seconds=time.monotonic() - start)

    def _escpos(self, payload: bytes, start: float, on_send: Callable[[], None] | None) -> PrintOutcome:
        device: Escpos | None = None
        paper_low = False
        try:
            device = open_device(self.cfg)
            if self.cfg.check_status and self.cfg.kind in ANSWERING_KINDS:
                paper_low = self._check(device)
            if on_send:
                on_send()
            device._raw(payload)
        except _Stop as stop:
            outcome = PrintOutcome(False, stop.problem, str(stop), seconds=time.monotonic() - start)
        except Exception as err:  # every driver error is a print problem, never a crash
            outcome = PrintOutcome(False, classify(err), describe_error(err), seconds=time.monotonic() - start)
        else:
            outcome = PrintOutcome(True, bytes_sent=len(payload), seconds=time.monotonic() - start, paper_low=paper_low)
        finally:
            if device is not None:
                _close_quietly(device)
        if outcome.failed:
            log.warning("ticket not printed (%s): %s", outcome.problem, outcome.detail)
        return outcome

    def _check(self, device: Escpos) -> bool:
        """Raise :class:`_Stop` if the printer cannot print now; return whether paper is low.

        The printer and paper-sensor queries go out together (one round trip); the offline
        cause is asked only when the printer says it is offline.
        """
        printer, paper = self._ask(device, escpos.STATUS_PRINTER, escpos.STATUS_PAPER)
        if printer.offline:
            (cause,) = self._ask(device, escpos.STATUS_OFFLINE_CAUSE)
            if cause.cover_open:
                raise _Stop(PrintProblem.COVER_OPEN, "the cover is open")
            if cause.stopped_for_paper or paper.paper_end:
                raise _Stop(PrintProblem.PAPER_OUT, "out of paper")
            raise _Stop(PrintProblem.OFFLINE, f"offline (cause byte {cause.value:#04x})")
        if paper.paper_end:
            raise _Stop(PrintProblem.PAPER_OUT, "out of paper")
        return paper.paper_near_end

    def _ask(self, device: Escpos, *queries: int) -> list[escpos.StatusByte]:
        """Send DLE EOT ``queries`` and read one status byte for each, in order."""
        device._raw(b"".join(escpos.status_query(n) for n in queries))
        reply = bytearray()
        while len(reply) < len(queries):
            # One byte per query; python-escpos' serial read would wait for 16 (the timeout).
            chunk = device.device.read(len(queries) - len(reply)) if self.cfg.kind == "serial" else device._read()  # type: ignore[union-attr]
            if not chunk:
                if self.cfg.kind == "network":  # the peer closed the connection
                    raise _Stop(PrintProblem.OFFLINE, "the printer closed the connection")
                raise _Stop(PrintProblem.TIMEOUT, f"no answer to a status query within {self.cfg.timeout_seconds:g} s")
            reply += bytes(chunk)
        statuses = [escpos.StatusByte(b) for b in reply[: len(queries)]]
        if not all(s.valid for s in statuses):
            raise _Stop(PrintProblem.ERROR, f"unexpected status reply {bytes(reply)!r}")
        return statuses


def classify(err: BaseException) -> PrintProblem:
    """The problem behind a driver exception (python-escpos wraps the OSError it caught)."""
    chain: list[BaseException] = []
    cause: BaseException | None = err
    while cause is not None and cause not in chain:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, ConnectionRefusedError) for c in chain):
        return PrintProblem.REFUSED
    if any(isinstance(c, TimeoutError) or type(c).__name__ in ("USBTimeoutError", "SerialTimeoutException") for c in chain):
        return PrintProblem.TIMEOUT
    if any(isinstance(c, DeviceNotFoundError) or (isinstance(c, OSError) and not isinstance(c, PermissionError)) for c in chain):
        return PrintProblem.OFFLINE
    return PrintProblem.ERROR


def describe_error(err: BaseException) -> str:
    """One line for the log: the innermost cause, which names the address or device."""
    inner = err
    while inner.__cause__ or inner.__context__:
        inner = inner.__cause__ or inner.__context__  # type: ignore[assignment]
    text = str(inner).strip().splitlines()
    return f"{type(inner).__name__}: {text[0] if text else ''}".strip()


def _close_quietly(device: Escpos) -> None:
    try:
        device.close()
    except Exception as err:  # closing a broken connection must not hide the real outcome
        log.debug("closing the printer failed: %s", err)
