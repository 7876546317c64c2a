"""The answer box of a coding question: a code editor with the exercise's
language highlighted (tree-sitter, through Textual's TextArea)."""

from __future__ import annotations

from textual.widgets import TextArea


def code_editor(text: str, language: str, *, id: str) -> TextArea:
    """An editor for `language` (an exercise's: python, c, cpp or rust)."""
    editor = TextArea.code_editor(text, id=id, classes="code", soft_wrap=False,
                                  tab_behavior="indent")
    # Textual ships highlighting for Python and Rust; C and C++ come from their
    # tree-sitter grammars' own queries (C++'s builds on C's).
    if language not in editor.available_languages:
        _register(editor, language)
    if language in editor.available_languages:
        editor.language = language
    return editor


def _register(editor: TextArea, name: str) -> None:
    try:
        from tree_sitter import Language
    except ImportError:  # no tree-sitter: plain text, still an editor
        return
    try:
        if name == "c":
            import tree_sitter_c as c

            editor.register_language(name, Language(c.language()), c.HIGHLIGHTS_QUERY)
        elif name == "cpp":
            import tree_sitter_c as c
            import tree_sitter_cpp as cpp

            editor.register_language(name, Language(cpp.language()),
                                     c.HIGHLIGHTS_QUERY + "\n" + cpp.HIGHLIGHTS_QUERY)
    except (ImportError, AttributeError, ValueError):
        return  # a grammar that will not load only costs the colours
