import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from torget.env import env_bool, env_int, env_list


def test_it_reads_yes_and_no_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_it_stops_on_a_value_it_cannot_read(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        env_int("PORT", 8000)


def test_it_splits_lists_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "torget.example.no, www.torget.example.no,")
    assert env_list("ALLOWED_HOSTS", []) == ["torget.example.no", "www.torget.example.no"]


def load_settings(tmp_path, **env) -> subprocess.CompletedProcess:
    code = "import torget.settings as s; print(s.DATABASES['default']['ENGINE'])"
    environment = {"PATH": "/usr/bin:/bin", "TORGET_DATA_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_it_refuses_to_serve_a_public_host_without_a_secret_key(tmp_path):
    result = load_settings(tmp_path, ALLOWED_HOSTS="torget.example.no")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_generates_a_local_key_and_uses_sqlite_by_default(tmp_path):
    result = load_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_it_reads_postgresql_from_database_url(tmp_path):
    result = load_settings(tmp_path, DATABASE_URL="postgres://u:p@db.internal:5432/torget")
    assert "postgresql" in result.stdout


def test_it_names_a_broken_database_url(tmp_path):
    result = load_settings(tmp_path, DATABASE_URL="nosuchdb://x")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
