"""Checks and compiles the translation catalogs without needing GNU gettext installed.

`--check` fails when a bokmål or nynorsk string lacks a translation, is marked fuzzy, or when a
compiled .mo file is older than its .po; `--compile` writes the .mo files.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
TRANSLATED_LANGUAGES = ("nb", "nn")


def catalog(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def problems_in(language: str) -> list[str]:
    po = polib.pofile(str(catalog(language)))
    found = [f"{language}: fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    if language in TRANSLATED_LANGUAGES:
        found += [
            f"{language}: untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()
        ]
    if compiled(po) != polib.mofile(str(catalog(language).with_suffix(".mo"))).to_binary():
        found.append(f"{language}: django.mo is out of date (run make messages)")
    return found


def compiled(po: polib.POFile) -> bytes:
    mo = polib.MOFile()
    mo.metadata = po.metadata
    mo.extend(entry for entry in po.translated_entries() if not entry.obsolete)
    return mo.to_binary()


def compile_all() -> None:
    for language in ("nb", "nn", "en"):
        path = catalog(language)
        path.with_suffix(".mo").write_bytes(compiled(polib.pofile(str(path))))


def main(argv: list[str]) -> int:
    if "--compile" in argv:
        compile_all()
    problems = [problem for language in ("nb", "nn", "en") for problem in problems_in(language)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
