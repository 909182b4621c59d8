"""Every write to organizations, teams, calendars and people: `do_<verb>_<noun>` functions.

Each owns its transaction and checks the acting member's role first; side effects such as
e-mail are enqueued only after the transaction commits.
"""
