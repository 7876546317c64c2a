"""The Textual app. The only package (with the CLI) that imports textual."""
