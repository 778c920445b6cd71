"""The waiting-room board (``khiw display``): who is called to which counter, shown and spoken.

The board reads through the engine (:mod:`khiw.engine.board`) off the GUI thread, redraws on
every change notification, and announces each new call or recall exactly once, in order.
"""
