"""Alembic migrations, shipped in the package and run by interview.store.migrate."""
