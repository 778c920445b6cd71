"""Thai on screen by default, English at the press of a key: Qt's own translation mechanism.

The source texts in ``tr()`` are Thai, so the station needs no file to speak Thai; English
comes from ``counter/i18n/counter_en.qm``, built from the committed ``counter_en.ts`` by
``scripts/setup.sh`` (``pyside6-lrelease``). If the ``.qm`` is missing the station still
runs, in Thai, and says why in the log. After changing texts, refresh the ``.ts`` with::

    .venv/bin/pyside6-lupdate counter/*.py -source-language th -target-language en \\
        -locations none -no-obsolete -ts counter/i18n/counter_en.ts

and fill in the new ``<translation>`` entries (Qt Linguist: ``pyside6-linguist``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

FOLDER = Path(__file__).resolve().parent / "i18n"
LANGUAGES = ("th", "en")


class Translations:
    """Switches the application's language; the widgets follow through ``LanguageChange``."""

    def __init__(self, folder: Path = FOLDER) -> None:
        self.folder = folder
        self.language = "th"
        self._translator: QTranslator | None = None

    def file(self, lang: str) -> Path:
        """The compiled translation for ``lang``."""
        return self.folder / f"counter_{lang}.qm"

    def available(self, lang: str) -> bool:
        """Whether ``lang`` can be shown (Thai always can: it is the source language)."""
        return lang == "th" or self.file(lang).is_file()

    def use(self, lang: str) -> str:
        """Show ``lang`` from now on; returns the language actually in effect.

        An English file that is missing or unreadable leaves the station in Thai, with a log
        line naming the file and the command that builds it.
        """
        app = QCoreApplication.instance()
        if lang == self.language or app is None:
            return self.language
        translator = None
        if lang != "th":
            translator = QTranslator(app)
            if not translator.load(str(self.file(lang))):
                log.warning(
                    "counter: no %s translation at %s (build it with scripts/setup.sh, which runs "
                    "pyside6-lrelease); staying in Thai",
                    lang,
                    self.file(lang),
                )
                return self.language
        if self._translator is not None:
            app.removeTranslator(self._translator)
        if translator is not None:
            app.installTranslator(translator)
        self._translator = translator
        self.language = lang
        return lang
