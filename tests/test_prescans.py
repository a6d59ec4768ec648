"""The cheap gates in front of the analyses: the call-site pre-scan (FXL302, FXL303), the
lines that name process state and the write gate (FXL301, FXL304, FXL305). Each decides
what to skip, so each must never skip what the analysis would find."""
from __future__ import annotations

import ast
import textwrap

from fixture_lint.model.callsites import CallNames, CallSites
from fixture_lint.model.names import NameResolver
from fixture_lint.source import SourceFile
from fixture_lint.state.process_state import may_write, state_word_lines

NAMES = CallNames(
    ["subprocess.call", "subprocess.check_call", "subprocess.run", "time.time", "time.ctime", "time.asctime", "http.server.HTTPServer"]
)


def test_call_sites_are_the_lines_where_a_listed_name_is_called() -> None:
    text = "a = check_call(1)\nb = call(2)\nx.time()\nasctime()\nctime(\nfooctime()\nHTTPServer(\nMyHTTPServer(\nrun(x)\nrerun(\n"
    assert CallSites(text, NAMES).lines == [1, 2, 3, 4, 5, 7, 9]


def test_call_sites_count_lines_as_ast_does() -> None:
    lines = ["x = 1", "run(1)", "y = 2", "time()"]
    for newline in ("\n", "\r\n", "\r"):
        assert CallSites(newline.join(lines), NAMES).lines == [2, 4]
    many = "\n".join(["call()"] * 40)  # past the few-hits path: the newline index
    assert CallSites(many, NAMES).lines == list(range(1, 41))


def test_call_sites_of_no_names_and_no_text() -> None:
    assert not CallSites("run()\n", CallNames([]))
    assert not CallSites("", NAMES)
    assert not CallSites("(((", NAMES)


def _words(source: str) -> list[int]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    resolver = NameResolver()
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            resolver.add_import(stmt)
    return state_word_lines(text, SourceFile.from_text(text).lines, resolver, ["ENV"])


def test_state_word_lines_find_each_word_its_stem_and_aliases() -> None:
    source = """\
        import os
        from os import environ as host
        x = 1
        os.putenv("A", "1")
        os.unsetenv("A")
        not_a_word = os.getenv("A")
        setattr(m, "a", 1)
        getattr(m, "a")
        delattr(m, "a")
        ENV["A"] = "1"
        host["B"] = "2"
        """
    assert _words(source) == [2, 4, 5, 7, 9, 10, 11]


def test_state_word_lines_with_crlf_and_cr_line_ends() -> None:
    source = "x = 1\nimport sys\ny = 2\nos.chdir('/')\n"
    for newline in ("\r\n", "\r"):
        assert _words(source.replace("\n", newline)) == [2, 4]
    assert _words("x = 1\n") == []


def _may_write(body: str) -> bool:
    function = ast.parse(textwrap.dedent(body)).body[0]
    assert isinstance(function, ast.FunctionDef)
    return may_write(function, [])


def test_write_gate_passes_what_can_write_shared_state() -> None:
    assert _may_write("def f():\n    global G\n    G = 1\n")
    assert _may_write("def f():\n    module.attr = 1\n")
    assert _may_write("def f():\n    del module.attr\n")
    assert _may_write("def f():\n    del REGISTRY['key']\n")
    assert _may_write("def f(x):\n    for module.attr in x:\n        pass\n")
    assert _may_write("def f():\n    if True:\n        with open('f') as handle:\n            CONFIG['k'] = 1\n")


def test_write_gate_skips_changes_to_the_functions_own_objects() -> None:
    assert not _may_write("def f(self):\n    self.x = 1\n")
    assert not _may_write("def f(data):\n    del data['k']\n")
    assert not _may_write("def f():\n    data = {}\n    data['k'] = 1\n    del data['k']\n")
    assert not _may_write("def f():\n    x = 1\n    del x\n")
    assert not _may_write("def f():\n    assert call()\n    return 1\n")


def test_noqa_needs_no_tokenizing_outside_the_statement_that_holds_it() -> None:
    from fixture_lint.engine import _TopLevelSpans

    text = textwrap.dedent(
        """\
        import os
        @decorator
        def test_a():
            os.environ["A"] = '''one
        two'''  # noqa: FXL301
        a = 1; b = '''one
        two'''  # noqa: FXL301
        def test_b():
            os.environ["B"] = "1"
        """
    )
    source = SourceFile.from_text(text)
    spans = _TopLevelSpans(ast.parse(text))
    assert [spans.around(line) for line in (1, 2, 4, 6, 7, 9)] == [(1, 1), (2, 5), (2, 5), (6, 7), (6, 7), (8, 9)]
    assert spans.around(10) is None
    for line in (4, 6):  # the noqa is on a later line, after a string that spans both
        assert source.is_suppressed("FXL301", line, spans.around(line))
        assert source.is_suppressed("FXL301", line)
    assert not source.is_suppressed("FXL301", 9, spans.around(9))
    assert not source.is_suppressed("FXL301", 9)


def test_name_references_are_looked_for_only_in_the_statements_that_spell_the_name() -> None:
    from fixture_lint.model.facts import name_is_referenced

    text = textwrap.dedent(
        """\
        import pytest

        @pytest.fixture
        def db():
            return 1

        class TestA:
            other = 1

            @pytest.mark.usefixtures("x")
            def test_uses(self):
                return db

        class TestB(Base, meta=db):
            pass

        def test_local(db):
            return db
        """
    )
    tree = ast.parse(text)
    fixture = tree.body[1]
    source = SourceFile.from_text(text)
    lines = [n for n, line in enumerate(source.lines, start=1) if "db" in line and n not in (3, 4, 5)]
    assert name_is_referenced(tree, "db", [fixture]) and name_is_referenced(tree, "db", [fixture], lines)
    assert name_is_referenced(tree, "db", [fixture], [12])  # inside a method of a class
    assert name_is_referenced(tree, "db", [fixture], [14])  # a class keyword
    assert not name_is_referenced(tree, "db", [fixture], [17, 18])  # the parameter of its own
    assert not name_is_referenced(tree, "db", [fixture], [8])  # a line that does not read it
