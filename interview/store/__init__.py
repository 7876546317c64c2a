"""Storage: SQLAlchemy models, engine setup, repositories, Alembic migrations."""
