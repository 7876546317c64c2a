"""The answer box of a coding question: a code editor with the exercise's
language highlighted (tree-sitter, through Textual's TextArea)."""

from __future__ import annotations

from textual.widgets import TextArea

# Textual ships highlighting for Python and Rust; C and C++ come from their
# tree-sitter grammars' own queries (C++'s builds on C's).
_NAMES = {"python": "python", "rust": "rust", "c": "c", "cpp": "cpp"}


def code_editor(text: str, language: str, *, id: str) -> TextArea:
    editor = TextArea.code_editor(text, id=id, classes="code", soft_wrap=False,
                                  tab_behavior="indent")
    name = _NAMES.get(language)
    if name is not None and name not in editor.available_languages:
        _register(editor, name)
    if name in editor.available_languages:
        editor.language = name
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
