"""Moderation tests run on the agency's inbox (torget/inbox/tests/conftest.py), in English."""

from torget.inbox.tests.conftest import english, inbox  # noqa: F401
