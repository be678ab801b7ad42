"""The simulator's pure core (no Django): from a seed, a province's reference data and a period, a
deterministic schedule of dossiers and of every action taken on them (see schedule.py)."""
