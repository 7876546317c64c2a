"""Importing published question lists (Markdown, HTML details blocks, tables, CSV,
HTML pages) as draft questions in the bank format.

One module per input layout (markdown_lists, markdown_headings, markdown_details,
markdown_tables, csv_rows, html_pages), `rules` to decide what is a question
(one rule for every layout) and read difficulty marks, `markdown` to walk a
Markdown document and hand each block to the right layout, `plan` to turn what
was found into questions and skip what the bank already has, and `writer` to
write the YAML file.
"""

from interview.bank.importer.drafts import Draft, Found
from interview.bank.importer.plan import ImportOptions, ImportPlan, plan_import
from interview.bank.importer.sources import read_source

__all__ = ["Draft", "Found", "ImportOptions", "ImportPlan", "plan_import", "read_source"]
