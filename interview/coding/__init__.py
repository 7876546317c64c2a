"""Coding exercises: running a candidate's code against an exercise's tests,
in a subprocess with time, memory and network limits (see runner.py)."""
