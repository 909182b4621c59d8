import signal

import pytest


@pytest.fixture
def restore_signal_handlers():
    """The worker takes over Ctrl+C and friends for a graceful stop; give them back to pytest."""
    names = [name for name in ("SIGINT", "SIGTERM", "SIGQUIT") if hasattr(signal, name)]
    saved = {name: signal.getsignal(getattr(signal, name)) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(getattr(signal, name), handler)
