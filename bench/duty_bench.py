"""How fast due times are computed from a duty calendar.

The inbox will call add_open_minutes for every item it receives. This compares the real function
with the obvious baseline, stepping one minute at a time with is_open, on the same random instants
in the same run, and checks that both give the same answers.

    .venv/bin/python bench/duty_bench.py [--items 300] [--minutes 120]
"""

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from torget.orgs.duty import Schedule, add_open_minutes, is_open

OFFICE = (((480, 930),),) * 5 + ((), ())
ANSWERING = (((480, 1320),),) * 5 + (((600, 1080),),) * 2


def stepping_baseline(schedule: Schedule, start: datetime, minutes: int) -> datetime:
    t = start.astimezone(UTC).replace(second=0, microsecond=0)
    while not is_open(schedule, t):
        t += timedelta(minutes=1)
    while minutes:
        t += timedelta(minutes=1)
        if is_open(schedule, t - timedelta(minutes=1)):
            minutes -= 1
    return t


def timed(function, *args) -> tuple[float, list]:
    started = time.perf_counter()
    results = function(*args)
    return time.perf_counter() - started, results


def run(schedule, instants, minutes, compute):
    return [compute(schedule, t, minutes) for t in instants]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--minutes", type=int, default=120)
    args = parser.parse_args()
    rng = random.Random(20261123)
    start = datetime(2026, 3, 20, tzinfo=UTC)
    instants = [start + timedelta(minutes=rng.randrange(60 * 24 * 280)) for _ in range(args.items)]
    for name, weekly in [("office hours", OFFICE), ("day, evening, weekend", ANSWERING)]:
        schedule = Schedule(weekly=weekly)
        real_seconds, real = timed(run, schedule, instants, args.minutes, add_open_minutes)
        base_seconds, base = timed(run, schedule, instants, args.minutes, stepping_baseline)
        agree = sum(a == b.astimezone(a.tzinfo) for a, b in zip(real, base, strict=True))
        print(
            f"{name:24} add_open_minutes: {args.items / real_seconds:9.0f} items/s   "
            f"stepping baseline: {args.items / base_seconds:7.0f} items/s   "
            f"speed-up {base_seconds / real_seconds:6.1f}x   same answer {agree}/{args.items}"
        )


if __name__ == "__main__":
    main()
