"""Reusable widgets; none of them touches the database."""
