"""One screen per module: home, practice, rubric, summary."""
