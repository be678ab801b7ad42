"""Benchmark of the legal clock: due moments per second, indexed WorkCalendar vs a day-by-day loop.

    .venv/bin/python bench/bench_clock.py [--n 100000] [--naive-n 5000] [--json out.json] [--markdown out.md]

Inputs are realistic: receipt moments over 2025–2026 (80% in office hours, the rest evenings, nights,
weekends and holidays), limits of 1–30 working days (85%) or 1–16 working hours (15%). Each input goes
through counting_start (counter channel) first; the timed loop is `due(start, limit)` on one core,
measured in CPU time, best of --rounds turns taken in alternation. The naive clock
(motcua.calendar.reference) walks day by day asking `holidays`; both run on the same inputs in the same
process and must agree on every one (the exit status is 1 if they do not).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from datetime import date, datetime, timedelta

from motcua.calendar.clock import TZ, Channel, WorkCalendar
from motcua.calendar.durations import Duration
from motcua.calendar.reference import NaiveClock


def make_inputs(n: int, seed: int) -> list[tuple[datetime, Duration]]:
    rng = random.Random(seed)
    first, span = date(2025, 1, 1).toordinal(), 730
    inputs = []
    for _ in range(n):
        day = date.fromordinal(first + rng.randrange(span))
        if rng.random() < 0.8:
            minute = rng.choice([rng.randrange(8 * 60, 12 * 60), rng.randrange(13 * 60, 17 * 60)])
        else:
            minute = rng.randrange(24 * 60)
        moment = datetime(day.year, day.month, day.day, tzinfo=TZ) + timedelta(
            minutes=minute, seconds=rng.randrange(60)
        )
        if rng.random() < 0.85:
            limit = Duration.working_days(rng.randint(1, 30))
        else:
            limit = Duration.working_hours(rng.randint(1, 16))
        inputs.append((moment, limit))
    return inputs


def interleaved_rates(runs: dict, rounds: int) -> dict[str, float]:
    """Best rate of each function over `rounds`, the functions taking turns within each round.

    CPU time of this process (time.process_time), not wall time: the machine is shared, and taking
    turns exposes every function to the same neighbours, so the ratio is fair even when they are noisy.
    """
    best = {name: float("inf") for name in runs}
    for _ in range(rounds):
        for name, (function, items) in runs.items():
            began = time.process_time()
            function(items)
            best[name] = min(best[name], time.process_time() - began)
    return {name: len(runs[name][1]) / best[name] for name in runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="inputs for the indexed clock")
    parser.add_argument("--naive-n", type=int, default=5_000, help="inputs for the naive clock")
    parser.add_argument("--rounds", type=int, default=10, help="turns taken by each clock")
    parser.add_argument("--seed", type=int, default=20260213)
    parser.add_argument("--json", help="write the result as JSON to this file")
    parser.add_argument("--markdown", help="write the result as a markdown table to this file")
    args = parser.parse_args(argv)

    raw = make_inputs(max(args.n, args.naive_n), args.seed)

    began = time.perf_counter()
    calendar = WorkCalendar()
    starts = [(calendar.counting_start(moment, Channel.COUNTER), limit) for moment, limit in raw]
    build_ms = (time.perf_counter() - began) * 1000  # index build for 2024–2027 + counting starts
    as_time = [(start, calendar.length(limit)) for start, limit in starts]

    naive = NaiveClock()
    naive_inputs = as_time[: args.naive_n]
    fast_answers = [calendar.due(start, limit) for start, limit in naive_inputs]
    naive_answers = [naive.due(start, limit) for start, limit in naive_inputs]  # also warms `holidays`
    mismatches = sum(a != b for a, b in zip(fast_answers, naive_answers, strict=True))

    def run_fast(items):
        due = calendar.due
        for start, limit in items:
            due(start, limit)

    def run_pipeline(items):
        counting_start, due = calendar.counting_start, calendar.due
        for moment, limit in items:
            due(counting_start(moment, Channel.COUNTER), limit)

    def run_naive(items):
        due = naive.due
        for start, limit in items:
            due(start, limit)

    # Chunks of roughly equal duration, so that every function sees the same spells of contention.
    chunk = max(1, args.n // args.rounds)
    naive_chunk = max(1, args.naive_n // args.rounds)
    rates = interleaved_rates(
        {
            "fast": (run_fast, starts[:chunk]),
            "pipeline": (run_pipeline, raw[:chunk]),
            "naive": (run_naive, naive_inputs[:naive_chunk]),
        },
        args.rounds,
    )
    fast_rate, pipeline_rate, naive_rate = rates["fast"], rates["pipeline"], rates["naive"]

    result = {
        "inputs": {"fast": args.n, "naive": args.naive_n, "seed": args.seed, "rounds": args.rounds},
        "due_per_second": round(fast_rate),
        "counting_start_plus_due_per_second": round(pipeline_rate),
        "naive_due_per_second": round(naive_rate),
        "speedup": round(fast_rate / naive_rate, 1),
        "first_build_ms": round(build_ms, 1),
        "mismatches_with_naive": mismatches,
        "timer": "time.process_time, best chunk of each clock, clocks taking turns",
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"indexed due():                 {result['due_per_second']:>12,} /s")
    print(f"counting_start() + due():      {result['counting_start_plus_due_per_second']:>12,} /s")
    print(f"naive day-by-day due():        {result['naive_due_per_second']:>12,} /s")
    print(f"speed-up:                      {result['speedup']:>12}x")
    print(f"index build + {len(raw):,} starts:   {result['first_build_ms']:>9} ms")
    print(f"answers differing from naive:  {mismatches:>12} of {len(naive_inputs):,}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write("| measure | value |\n|---|---|\n")
            for key in ("due_per_second", "counting_start_plus_due_per_second", "naive_due_per_second"):
                out.write(f"| {key.replace('_', ' ')} | {result[key]:,} |\n")
            out.write(f"| speed-up | {result['speedup']}× |\n")
            out.write(f"| mismatches with naive | {mismatches} of {len(naive_inputs):,} |\n")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
