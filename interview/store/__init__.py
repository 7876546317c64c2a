"""Storage: SQLAlchemy models, engine setup, repositories, Alembic migrations.

    from interview.store.repository import open_store   # or Store.open(url)

    store = open_store(url)      # --database / INTERVIEW_DATABASE_URL / SQLite in home_dir()
    store.record_answer(...)     # the engine's SessionStore port (interview.practice.ports)
    store.list_sessions(...)     # the history read side, returning interview.store.views

Modules: db (URL, engine, pragmas), models (ORM), migrate + migrations/
(Alembic, run on open), repository (Store), writes (the answer-commit hot
path), history (history queries), views (read models), convert (rows to
domain objects), errors (StoreError), profiles (default profile name).
This package imports SQLAlchemy; import it lazily from start-up paths. It
never imports textual, interview.tui or interview.cli.
"""
