"""Question and plan files: schema, loading, validation, taxonomy."""
