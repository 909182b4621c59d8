"""Every write to the inbox: `do_<verb>_<noun>` functions owning their transactions."""
