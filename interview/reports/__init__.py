"""History aggregates and exports."""
