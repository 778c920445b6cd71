"""Sending a ticket image to an ESC/POS printer, with status checks and short timeouts.

No Qt here: the kiosk calls :class:`~khiw.printing.printer.TicketPrinter` on its own print
thread, and ``khiw ticket print`` calls it directly.
"""

from khiw.printing.outcome import PrintOutcome, PrintProblem
from khiw.printing.printer import TicketPrinter

__all__ = ["PrintOutcome", "PrintProblem", "TicketPrinter"]
