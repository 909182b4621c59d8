"""The interface is complete in bokmål and nynorsk: every source string is in the catalogs."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from torget.system.catalogs import LOCALE_DIR, problems_in

PACKAGE = LOCALE_DIR.parent


def msgids(path: Path) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in polib.pofile(str(path))}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """Runs makemessages on a copy of the package, so the real catalogs are never touched."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing: apt-get install gettext (see .ci/run)")
    copy = tmp_path_factory.mktemp("source") / "torget"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests"))
    subprocess.run(
        [sys.executable, "-m", "torget.cli", "makemessages", "-l", "nb", "--no-location"],
        cwd=copy,
        env={**os.environ, "TORGET_LOCALE_DIR": str(copy / "locale")},
        check=True,
        capture_output=True,
    )
    return copy / "locale" / "nb" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_has_every_source_string_in_the_catalog(extracted, language):
    catalog = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    missing = msgids(extracted) - msgids(catalog)
    assert not missing, f"run `make messages` and translate: {sorted(missing)[:10]}"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_translates_everything_and_compiles_it(language):
    assert problems_in(language) == []
