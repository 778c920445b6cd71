"""The printed queue ticket: one raster image, so Thai marks sit right on any printer.

Printers' own Thai code pages stack vowels and tone marks badly or not at all; rendering
the whole ticket with Pillow + raqm (HarfBuzz shaping) and the Sarabun font sidesteps them.
"""

from khiw.ticket.render import render_ticket

__all__ = ["render_ticket"]
