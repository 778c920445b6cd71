"""The counter station (ช่องบริการ): where a member of staff calls and serves all day.

``khiw counter [--counter N]`` opens :class:`counter.window.CounterWindow`: sign in with a
username and PIN, pick (or be bound to) a counter, then work from the keyboard or a USB
numeric keypad. A supervisor who signs in gets a read-only overview of every counter and
queue instead. Every action is an engine operation run with the signed-in staff id, so the
engine, not this window, decides what a role may do.

Keys (shown on the buttons; each works with NumLock on or off)::

    +           call next                 .  (Del)     recall
    Enter       start service, then finish -           no-show
    /           transfer to another service *          call a specific ticket (asks why)
    0  (Ins)    pause (lunch/meeting/other) or resume
    F12         ไทย / English

The service timer turns amber when the service's published standard time is reached (100 %)
and red at 150 % (see :mod:`counter.timing`).
"""
