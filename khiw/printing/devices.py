"""Opening the configured printer through python-escpos, with short timeouts everywhere.

python-escpos waits forever by default (USB writes, serial writes) or for a minute
(network); a kiosk must give up within seconds and tell the citizen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from khiw.config import PrinterConfig

if TYPE_CHECKING:
    from escpos.escpos import Escpos

ESCPOS_KINDS = ("file", "network", "usb", "serial")
#: Kinds that can answer DLE EOT status queries (a device file is write-only).
ANSWERING_KINDS = ("network", "usb", "serial")


def open_device(cfg: PrinterConfig) -> Escpos:
    """Connect to the printer ``cfg`` names; raises python-escpos' DeviceNotFoundError (its
    ``__context__`` holds the OSError) or the driver's own error when it cannot.

    Each backend is imported only when used: the USB and serial drivers cost a kiosk with a
    network printer several megabytes of memory for nothing.
    """
    timeout = cfg.timeout_seconds
    device: Escpos
    if cfg.kind == "network":
        from escpos.printer.network import Network

        device = Network(cfg.host, cfg.port, timeout=timeout)
    elif cfg.kind == "file":
        from escpos.printer.file import File

        device = File(cfg.path, auto_flush=True)
    elif cfg.kind == "serial":
        from escpos.printer.serial import Serial

        device = Serial(cfg.serial_device, baudrate=cfg.baudrate, timeout=timeout, dsrdtr=cfg.serial_dsrdtr)
    elif cfg.kind == "usb":
        from escpos.printer.usb import Usb

        device = Usb(cfg.usb_vendor_id, cfg.usb_product_id, timeout=int(timeout * 1000))
    else:
        raise ValueError(f"printer kind {cfg.kind!r} does not speak ESC/POS")
    device.open()
    if cfg.kind == "serial":
        device.device.write_timeout = timeout  # type: ignore[union-attr]
    return device
