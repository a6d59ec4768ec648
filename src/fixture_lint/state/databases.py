"""Database state between tests: the shared-state model's answers for databases.

- **What is shared?** A connection, session, engine or cursor handed out by a fixture wider
  than a function (or by a function-scoped fixture built on one), a module-level handle of
  a test module, and a database at a fixed path or URL (``sqlite:///test.db``), which
  outlives the test run too. Within one, the tables named in SQL string literals (a light
  keyword extraction, ``SqlStatement``) and the ORM models handed to a session.
- **Who writes it?** ``execute``/``executemany``/``executescript`` of a writing statement,
  and ORM ``add``/``delete``/``merge``/``bulk_*`` calls on a session.
- **What isolates it?** pytest-django's ``db``/``transactional_db`` fixtures and
  ``django_db`` marks (and Django's test case classes); an active function-scoped fixture
  that rolls back (``rollback``, ``begin_nested``) or deletes/truncates after its ``yield``;
  a fresh database per fixture instance (``:memory:``, a ``tmp_path`` path); the test's own
  ``rollback()``; a test that clears the tables it wrote before it ends.
- **Who reads it?** The other tests of the module that query or write the same tables
  through the same shared state.

The last part (``unclosed_in_test``) is the test-body counterpart of FXL103: a resource
acquired in a test and never released by the end of it, judged with ``state/resources``'
flow of values.
"""
from __future__ import annotations

import ast
import re
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator, Optional, Union

from ..knowledge import databases as K
from ..knowledge.resources import RESOURCE_WARNINGS, WARNS_CALLS
from ..model.bodies import BodyIndex
from ..model.facts import SCOPE_RANK, FixtureDef, ModuleFacts, TestDef
from ..model.hierarchy import Definition, FixtureIndex
from ..model.loader import ParsedModule
from ..model.names import dotted_name
from .resources import Leak, ResourceTable, _FixtureFlow

if TYPE_CHECKING:
    from ..context import ModuleContext

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]

# -- SQL -----------------------------------------------------------------------------------
_NAME = r"[`\"\[]?([A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?)[`\"\]]?"
_WRITE_PATTERNS = (
    ("INSERT", re.compile(r"^\s*(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+" + _NAME, re.I)),
    ("UPDATE", re.compile(r"^\s*UPDATE\s+(?:OR\s+\w+\s+)?" + _NAME, re.I)),
    ("DELETE", re.compile(r"^\s*DELETE\s+FROM\s+" + _NAME, re.I)),
    ("DROP", re.compile(r"^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?" + _NAME, re.I)),
    ("CREATE", re.compile(r"^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _NAME, re.I)),
    ("TRUNCATE", re.compile(r"^\s*TRUNCATE\s+(?:TABLE\s+)?" + _NAME, re.I)),
    ("ALTER", re.compile(r"^\s*ALTER\s+TABLE\s+" + _NAME, re.I)),
)
_READ_TABLES = re.compile(r"\b(?:FROM|JOIN)\s+" + _NAME, re.I)
_VERB = re.compile(r"^\s*([A-Za-z]+)")
_INSERT_COLUMNS = re.compile(r"INTO\s+\S+\s*\(([^)]*)\)\s*VALUES\s*\((.*)\)", re.I | re.S)
_SQL_KEYWORDS = frozenset({"select", "where", "values", "set", "on", "as", "lateral"})


@dataclass(frozen=True)
class SqlStatement:
    """One statement of a SQL string: its verb, the tables it writes or reads."""

    verb: str
    writes: tuple[str, ...]
    reads: tuple[str, ...]
    text: str
    clears: bool = False
    """Empties a whole table: ``DELETE FROM t`` with no ``WHERE``, ``TRUNCATE``, ``DROP``."""

    @property
    def is_write(self) -> bool:
        return self.verb in K.WRITE_VERBS or self.verb in K.SETTING_VERBS


def parse_sql(text: str) -> list[SqlStatement]:
    """The statements of ``text`` that look like SQL (others are ignored)."""
    found = []
    for part in text.split(";"):
        verb_match = _VERB.match(part)
        if verb_match is None:
            continue
        verb = verb_match.group(1).upper()
        if verb == "REPLACE":
            verb = "INSERT"
        if verb not in K.WRITE_VERBS and verb not in K.READ_VERBS and verb not in K.SETTING_VERBS:
            continue
        writes: tuple[str, ...] = ()
        for write_verb, pattern in _WRITE_PATTERNS:
            match = pattern.match(part)
            if match is not None:
                writes = (match.group(1).lower(),)
                verb = write_verb
                break
        else:
            if verb in K.WRITE_VERBS:
                continue  # ``CREATE INDEX``, ``DELETE`` without FROM: not a table we track
        reads = tuple(
            name for name in (m.group(1).lower() for m in _READ_TABLES.finditer(part))
            if name not in _SQL_KEYWORDS and name not in writes
        )
        if verb == "DELETE" and not re.search(r"\bWHERE\b", part, re.I):
            clears = True
        else:
            clears = verb in ("TRUNCATE", "DROP")
        found.append(SqlStatement(verb, writes, reads, part.strip(), clears))
    return found


def sql_text(node: Optional[ast.AST], bindings: Callable[[str], Optional[ast.expr]] = lambda _: None, depth: int = 0) -> Optional[str]:
    """The SQL a node holds: a string literal, an f-string's literal parts (``{}`` for the
    rest), ``text("...")``, a local name bound once to one of these."""
    if node is None or depth > 3:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}" for v in node.values)
    if isinstance(node, ast.Call) and node.args and _last_name(node.func) == "text":
        return sql_text(node.args[0], bindings, depth + 1)
    if isinstance(node, ast.Name):
        return sql_text(bindings(node.id), bindings, depth + 1)
    return None


def insert_values(statement: SqlStatement, params: Optional[ast.expr]) -> list[tuple[str, ast.AST, str]]:
    """``(column, node, literal)`` for the literal string values of an INSERT: quoted in the
    SQL, or given as parameters (``?``, ``%s``, ``:name``) in a tuple, list or dict literal."""
    match = _INSERT_COLUMNS.search(statement.text)
    if match is None:
        return []
    columns = [c.strip().strip('`"[]').lower() for c in match.group(1).split(",")]
    values = [v.strip() for v in match.group(2).split(",")]
    positional = list(params.elts) if isinstance(params, (ast.Tuple, ast.List)) else []
    named = {}
    if isinstance(params, ast.Dict):
        named = {k.value: v for k, v in zip(params.keys, params.values) if isinstance(k, ast.Constant)}
    found = []
    index = 0
    for column, value in zip(columns, values):
        node: Optional[ast.AST] = None
        literal: Optional[str] = None
        if value in ("?", "%s"):
            node = positional[index] if index < len(positional) else None
            index += 1
        elif value.startswith(":") or value.startswith("%("):
            node = named.get(value.strip(":%()s"))
        elif len(value) >= 2 and value[0] == value[-1] == "'":
            literal = value[1:-1]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literal = node.value
        if literal is not None:
            found.append((column, node if node is not None else params or ast.Constant(value=literal), literal))
    return found


def looks_unique(column: str, literal: str) -> bool:
    """A value a unique constraint would reject the second time: an email address, or a
    literal in a column named like a unique key."""
    return bool(literal) and (column in K.UNIQUE_COLUMNS or bool(K.UNIQUE_LOOKING.match(literal)))


# -- shared handles ------------------------------------------------------------------------
@dataclass(frozen=True)
class FixtureDatabase:
    """What a fixture's value is, as a database handle."""

    fixed_location: Optional[str]
    """The literal path or URL it connects to (outlives the run), if any."""
    source: Optional[str]
    """The requested fixture whose handle it is built on, if any."""
    undoes: bool
    """It rolls back, or clears tables, after its ``yield`` (or in a finalizer)."""
    fresh: bool
    """Each instance gets its own database (``:memory:``, under ``tmp_path``)."""


_FIXTURE_DB: "weakref.WeakKeyDictionary[ast.AST, Optional[FixtureDatabase]]" = weakref.WeakKeyDictionary()


def fixture_database(fixture: FixtureDef, body: BodyIndex) -> Optional[FixtureDatabase]:
    """How ``fixture`` (its function read through ``body``) makes a database handle, or
    ``None`` when it makes none."""
    node = fixture.node
    if node is None:
        return None
    if node in _FIXTURE_DB:
        return _FIXTURE_DB[node]
    result = _fixture_database(fixture, body)
    _FIXTURE_DB[node] = result
    return result


def _fixture_database(fixture: FixtureDef, body: BodyIndex) -> Optional[FixtureDatabase]:
    requested = set(fixture.requested)
    connects = [c for c in body.of(ast.Call) if body.qualified_name(c.func) in K.DATABASE_CALLS]
    source = None
    for call in body.of(ast.Call):
        func = call.func
        receiver = func.value if isinstance(func, ast.Attribute) else None
        if isinstance(receiver, ast.Name) and receiver.id in requested and isinstance(func, ast.Attribute) and func.attr in K.DERIVING_METHODS:
            source = receiver.id
            break
        if call in connects and any(isinstance(a, ast.Name) and a.id in requested for a in _arguments(call)):
            source = next(a.id for a in _arguments(call) if isinstance(a, ast.Name) and a.id in requested)
            break
    if not connects and source is None:
        return None
    yield_line = min((y.lineno for y in body.of(ast.Yield)), default=None)
    undoes = False
    for call in body.of(ast.Call):
        name = _last_name(call.func)
        after = yield_line is not None and call.lineno > yield_line
        if name in ("rollback", "begin_nested") and (after or name == "begin_nested" or _in_finalizer(call, body)):
            undoes = True
        elif name in K.UNDO_METHODS and after:
            undoes = True
        elif name in K.EXECUTE_METHODS and after and call.args:
            text = sql_text(call.args[0])
            if text and any(s.verb in K.UNDO_VERBS for s in parse_sql(text)):
                undoes = True
    fixed = None
    fresh = False
    for call in connects:
        location = _location(call)
        if location is None:
            continue
        text = sql_text(location)
        mentions_tmp = any(isinstance(n, ast.Name) and n.id in K.FRESH_PATH_FIXTURES for n in ast.walk(location))
        if isinstance(location, ast.Name):
            mentions_tmp = mentions_tmp or _bound_to_tmp(location.id, body)
        if mentions_tmp or (text is not None and is_memory(text)):
            fresh = True
        elif isinstance(location, ast.Constant) and text:
            fixed = text
    return FixtureDatabase(fixed, source, undoes, fresh and fixed is None)


def is_memory(location: str) -> bool:
    return location in K.MEMORY_LOCATIONS or "mode=memory" in location or location.endswith(":memory:") or location.rstrip("/") in ("sqlite:", "sqlite+pysqlite:")


def _location(call: ast.Call) -> Optional[ast.expr]:
    if call.args:
        return call.args[0]
    for keyword in call.keywords:
        if keyword.arg in K.LOCATION_ARGS:
            return keyword.value
    return None


def _bound_to_tmp(name: str, body: BodyIndex) -> bool:
    for assign in body.of(ast.Assign):
        if any(isinstance(t, ast.Name) and t.id == name for t in assign.targets):
            return any(isinstance(n, ast.Name) and n.id in K.FRESH_PATH_FIXTURES for n in ast.walk(assign.value))
    return False


def _in_finalizer(call: ast.Call, body: BodyIndex) -> bool:
    return any(_last_name(c.func) in ("addfinalizer", "addCleanup") for c in body.of(ast.Call))


@dataclass(frozen=True)
class SharedDatabase:
    """Database state a test reaches that other tests (or later runs) reach too."""

    key: str
    """Identity for readers: the fixture that holds it, or the fixed location."""
    describe: str
    """For messages: ``module-scoped fixture `db` (conftest.py:4)``."""
    location: Optional[str] = None


@dataclass
class Access:
    """One read or write of a shared database by a test."""

    node: ast.AST
    handle: str
    shared: SharedDatabase
    writes: tuple[str, ...]
    reads: tuple[str, ...]
    statement: Optional[SqlStatement] = None
    params: Optional[ast.expr] = None
    orm_value: Optional[ast.expr] = None
    """What an ORM ``add``/``delete`` was given."""


@dataclass
class TestDatabaseUse:
    """What one test does to shared database state."""

    test: TestDef
    node: FunctionNode
    accesses: list[Access] = field(default_factory=list)
    handles: dict[str, SharedDatabase] = field(default_factory=dict)
    rolls_back: bool = False
    cleared: set[str] = field(default_factory=set)
    """Tables the test itself clears after writing them."""

    def unisolated_writes(self) -> list[Access]:
        if self.rolls_back:
            return []
        return [a for a in self.accesses if a.writes and not set(a.writes) <= self.cleared]


class DatabaseModel:
    """The database state of one test module's tests (built once per module, on demand)."""

    def __init__(self, path: object, facts: ModuleFacts, index: FixtureIndex, tree: ast.Module,
                 body_of: Callable[[ast.AST], BodyIndex]) -> None:
        self.path = path
        self.facts = facts
        self.index = index
        self.body_of = body_of
        self._module_handles = self._module_level(tree)
        self._definitions: dict[tuple[str, Optional[str]], Optional[Definition]] = {}
        self.uses: list[TestDatabaseUse] = []
        for test in facts.tests:
            if test.node is None or self._isolated(test):
                continue
            use = self._use(test)
            if use is not None:
                self.uses.append(use)

    # -- readers --------------------------------------------------------------------
    def readers(self, use: TestDatabaseUse, access: Access) -> list[tuple[TestDatabaseUse, Access]]:
        """Other tests that reach the tables ``access`` writes through the same state
        (any use, when the write names no table)."""
        found = []
        tables = set(access.writes) - {"*"}
        for other in self.uses:
            if other is use:
                continue
            hits = [
                c for c in other.accesses
                if c.shared.key == access.shared.key
                and (not tables or _meets(tables, set(c.reads) | set(c.writes)))
            ]
            reading = [c for c in hits if not tables or _meets(tables, set(c.reads))]
            if reading or hits:
                found.append((other, (reading or hits)[0]))
        found.sort(key=lambda item: not (not tables or _meets(tables, set(item[1].reads))))
        return found

    # -- building ---------------------------------------------------------------------
    def _module_level(self, tree: ast.Module) -> dict[str, SharedDatabase]:
        found = {}
        for name, value in self.facts.constants.items():
            if isinstance(value, ast.Call) and self.facts.resolver.qualified_name(value.func) in K.DATABASE_CALLS:
                location = _location(value)
                text = sql_text(location) if location is not None else None
                found[name] = SharedDatabase(f"module:{name}", f"the module-level handle `{name}`",
                                             text if text and not is_memory(text) else None)
        return found

    def _resolve(self, name: str, class_name: Optional[str]) -> Optional[Definition]:
        key = (name, class_name)
        if key not in self._definitions:
            self._definitions[key] = self.index.resolve(name, self.path, self.facts, class_name)  # type: ignore[arg-type]
        return self._definitions[key]

    def _fixture_db(self, definition: Definition) -> Optional[FixtureDatabase]:
        fixture = definition.fixture
        if fixture is None or fixture.node is None or definition.path is None:
            return None
        if definition.path == self.path:
            body = self.body_of(fixture.node)
        else:
            loaded = self.index.modules.get(definition.path)
            if not isinstance(loaded, ParsedModule):
                return None
            body = BodyIndex(fixture.node, loaded.facts.resolver)
        return fixture_database(fixture, body)

    def shared_from_fixture(self, name: str, class_name: Optional[str], depth: int = 0) -> Optional[SharedDatabase]:
        """The shared database a fixture's value reaches, following function-scoped
        fixtures built on wider ones; ``None`` when it is fresh or isolated per test."""
        definition = self._resolve(name, class_name)
        if definition is None or definition.fixture is None or definition.scope is None or depth > 3:
            return None
        database = self._fixture_db(definition)
        if database is None:
            return None
        display = definition.display or name
        if database.fixed_location is not None and not database.undoes:
            return SharedDatabase(f"path:{database.fixed_location}", f"the database at `{database.fixed_location}`",
                                  database.fixed_location)
        if SCOPE_RANK[definition.scope] > SCOPE_RANK["function"]:
            return SharedDatabase(f"fixture:{display}:{name}", f"{definition.scope}-scoped fixture `{name}` ({display})")
        if database.undoes or database.fresh:
            return None
        if database.source is not None:
            fixture = definition.fixture
            return self.shared_from_fixture(database.source, fixture.class_name, depth + 1)
        return None

    def _isolated(self, test: TestDef) -> bool:
        names = set(test.requested) | set(test.usefixtures) | set(self.facts.pytestmark_usefixtures)
        if self._requests_isolating(names, test.class_name, 0):
            return True
        marks = [m.name for m in test.marks] + [m.name for m in self.facts.pytestmark]
        klass = next((c for c in self.facts.classes if c.name == test.class_name), None)
        if klass is not None:
            marks += [m.name for m in klass.marks]
            names |= set(klass.usefixtures)
            if klass.node is not None and any(
                (dotted_name(b) or "").rsplit(".", 1)[-1] in K.ISOLATING_BASES for b in klass.node.bases
            ):
                return True
        if set(marks) & K.ISOLATING_MARKS:
            return True
        # An active function-scoped fixture that undoes database writes after each test.
        for name in names | self._autouse(test.class_name):
            definition = self._resolve(name, test.class_name)
            if definition is None or definition.scope != "function":
                continue
            database = self._fixture_db(definition)
            if database is not None and database.undoes:
                if name in test.requested and database.source is None and database.fixed_location is None:
                    continue  # its own handle: judged through shared_from_fixture
                return True
            if database is None and definition.fixture is not None and self._clears_after_yield(definition):
                return True
        return False

    def _requests_isolating(self, names: set[str], class_name: Optional[str], depth: int) -> bool:
        """pytest-django's ``db``-style fixtures, requested directly or through the
        project's fixtures (``def user(db)``); a project fixture of that name is not one."""
        for name in names:
            definition = self._resolve(name, class_name)
            if definition is None or definition.fixture is None:
                if name in K.ISOLATING_FIXTURES:
                    return True
                continue
            fixture = definition.fixture
            requested = set(fixture.requested) - {fixture.name}
            if depth < 2 and requested and definition.path == self.path or depth < 1 and requested:
                if self._requests_isolating(requested, fixture.class_name, depth + 1):
                    return True
        return False

    def _clears_after_yield(self, definition: Definition) -> bool:
        fixture = definition.fixture
        if fixture is None or fixture.node is None or definition.path != self.path and definition.path is None:
            return False
        if definition.path == self.path:
            body = self.body_of(fixture.node)
        else:
            loaded = self.index.modules.get(definition.path) if definition.path is not None else None
            if not isinstance(loaded, ParsedModule):
                return False
            body = BodyIndex(fixture.node, loaded.facts.resolver)
        yield_line = min((y.lineno for y in body.of(ast.Yield)), default=None)
        if yield_line is None:
            return False
        for call in body.of(ast.Call):
            if call.lineno <= yield_line:
                continue
            name = _last_name(call.func)
            if name in ("rollback", "truncate", "drop_all"):
                return True
            if name in K.EXECUTE_METHODS and call.args:
                text = sql_text(call.args[0])
                if text and any(s.verb in K.UNDO_VERBS for s in parse_sql(text)):
                    return True
        return False

    def _autouse(self, class_name: Optional[str]) -> set[str]:
        found = set()
        for layer in self.index.layers(self.path, self.facts, class_name):  # type: ignore[arg-type]
            for fixture in layer.facts.fixtures:
                if fixture.autouse and fixture.class_name == layer.class_name:
                    found.add(fixture.name)
        return found

    def _use(self, test: TestDef) -> Optional[TestDatabaseUse]:
        node = test.node
        assert node is not None
        handles: dict[str, SharedDatabase] = {}
        for name in test.requested:
            shared = self.shared_from_fixture(name, test.class_name)
            if shared is not None:
                handles[name] = shared
        body = self.body_of(node)
        used = {n.id for n in body.of(ast.Name)}
        for name, shared in self._module_handles.items():
            if name in used and name not in test.requested:
                handles[name] = shared
        # Handles the test makes: derived from a shared one, or connected to a fixed path.
        bindings: dict[str, ast.expr] = {}
        assigns: list[tuple[ast.AST, list[str], ast.expr]] = [
            (a, [t.id for t in a.targets if isinstance(t, ast.Name)], a.value) for a in body.of(ast.Assign)
        ]
        for with_node in body.of(ast.With):
            for item in with_node.items:
                if isinstance(item.optional_vars, ast.Name):
                    assigns.append((with_node, [item.optional_vars.id], item.context_expr))
        assigns.sort(key=lambda item: (getattr(item[0], "lineno", 0), getattr(item[0], "col_offset", 0)))
        for _, targets, value in assigns:
            for target in targets:
                bindings.setdefault(target, value)
            inner = value
            while isinstance(inner, (ast.Call, ast.Attribute)):
                if isinstance(inner, ast.Call):
                    if body.qualified_name(inner.func) in K.DATABASE_CALLS:
                        location = _location(inner)
                        text = sql_text(location) if location is not None else None
                        if isinstance(location, ast.Constant) and text and not is_memory(text):
                            for target in targets:
                                handles[target] = SharedDatabase(f"path:{text}", f"the database at `{text}`", text)
                        break
                    inner = inner.func
                else:
                    inner = inner.value
            root = _root_name(value)
            if root is not None and root in handles and isinstance(value, ast.Call):
                for target in targets:
                    handles.setdefault(target, handles[root])
        if not handles:
            return None
        use = TestDatabaseUse(test, node, handles=handles)
        bound = lambda name: bindings.get(name)  # noqa: E731
        orm_pending: list[Access] = []
        for call in body.of(ast.Call):
            func = call.func
            if not isinstance(func, ast.Attribute):
                continue
            root = _root_name(func.value)
            if root is None or root not in handles:
                continue
            shared = handles[root]
            method = func.attr
            if method in K.EXECUTE_METHODS and call.args:
                text = sql_text(call.args[0], bound)
                if text is None:
                    continue
                params = call.args[1] if len(call.args) > 1 else None
                for statement in parse_sql(text):
                    writes = statement.writes or (("*",) if statement.verb in K.SETTING_VERBS else ())
                    use.accesses.append(Access(call, root, shared, writes, statement.reads, statement, params))
                    if statement.clears and statement.writes:
                        earlier = [a for a in use.accesses[:-1] if set(statement.writes) & set(a.writes)]
                        if earlier:
                            use.cleared.update(statement.writes)
            elif method in K.ORM_WRITES and call.args:
                models = tuple(m for m in (_model_of(call.args[0], bindings) for _ in [0]) if m)
                orm_pending.append(Access(call, root, shared, models or ("*",), (), orm_value=call.args[0]))
            elif method in K.ORM_FLUSHES and orm_pending:
                use.accesses.extend(orm_pending)
                orm_pending = []
            elif method in ("query", "get", "scalars") and call.args:
                model = _model_of(call.args[0], bindings)
                if model:
                    use.accesses.append(Access(call, root, shared, (), (model,)))
            elif method == "rollback":
                use.rolls_back = True
        use.accesses.sort(key=lambda a: (getattr(a.node, "lineno", 0), getattr(a.node, "col_offset", 0)))
        return use if use.accesses else None


def _model_of(node: ast.expr, bindings: dict[str, ast.expr]) -> Optional[str]:
    """``User`` for ``User(...)``, ``select(User)``, or a name bound to one of them."""
    if isinstance(node, ast.Name):
        if node.id[:1].isupper():
            return node.id.lower()
        value = bindings.get(node.id)
        return _model_of(value, {}) if value is not None else None
    if isinstance(node, ast.Call):
        name = _last_name(node.func)
        if name and name[:1].isupper():
            return name.lower()
        if name == "select" and node.args:
            return _model_of(node.args[0], {})
    if isinstance(node, ast.Attribute) and node.attr[:1].isupper():
        return node.attr.lower()
    return None


def _meets(tables: set[str], others: set[str]) -> bool:
    return any(same_table(a, b) for a in tables for b in others)


def same_table(model: str, table: str) -> bool:
    """A model and a table name that plausibly mean the same table (``User``/``users``)."""
    model, table = model.lower(), table.lower().rsplit(".", 1)[-1]
    return model == table or table.rstrip("s") == model or model.rstrip("s") == table.rstrip("s")


def _root_name(node: ast.AST) -> Optional[str]:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _last_name(func: ast.AST) -> Optional[str]:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _arguments(call: ast.Call) -> list[ast.expr]:
    return list(call.args) + [k.value for k in call.keywords]


def positions(nodes: list[ast.AST]) -> Iterator[tuple[int, int]]:
    for node in nodes:
        yield getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


# -- resources opened in a test body -------------------------------------------------------
def unclosed_in_test(
    function: FunctionNode,
    body: BodyIndex,
    table: ResourceTable,
    class_teardown: Callable[[], Optional[frozenset[str]]],
    memory_classes: frozenset[str] = frozenset(),
) -> list[Leak]:
    """Acquisitions in a test body that nothing releases by the end of the test: no
    ``with``, no release call (``close()``, in a ``finally`` or not), no ``addCleanup`` or
    finalizer, not handed to another call or container (which may own it from then on).
    A call whose result is used inline (``json.load(open(p))``) is left alone unless the
    resource outlives the test by itself (a process, a started thread, a directory).
    A connection pool no request goes through holds nothing (``lazy_sends``), and a
    value the test deletes while it expects a ``ResourceWarning`` is the leak under test."""
    acquired = [(call, r) for call in body.of(ast.Call) for r in [table.match(call, body)] if r is not None]
    if not acquired:
        return []
    flow = _FixtureFlow(function, body, class_teardown, memory_classes)
    deleted: Optional[set[str]] = None
    handed = set(flow.passed) | {name for items in flow.containers.values() for name in items}
    for items in flow.containers.values():
        handed |= items
    found = []
    for call, resource in sorted(acquired, key=lambda item: (item[0].lineno, item[0].col_offset)):
        if id(call) in flow.managed or flow._not_acquired(call, resource):
            continue
        holders = flow._holders(call)
        attr = flow._object_store(call) if not holders else None
        if resource.needs_start and not flow._is_started(call, holders, attr):
            continue
        if attr is not None:
            if not flow._attr_released(attr[0]):
                found.append(Leak(call, resource, attr[1], "stored"))
            continue
        if holders is None:
            if resource.persists and flow._dropped(call):
                found.append(Leak(call, resource, None, "dropped"))
            continue
        if not holders:
            continue
        names = set(holders)
        for targets, value in flow.bindings:  # plain aliases: ``c = conn``
            if isinstance(value, ast.Name) and value.id in names:
                names.update(targets)
        if names & flow.released or names & handed or flow.has_teardown:
            continue
        if any(_escapes(node, names) for node in body.of(ast.Return)):
            continue
        if not flow.sends(names, resource):
            continue
        if deleted is None:
            deleted = _deleted_under_resource_warning(body)
        if names & deleted:
            continue
        found.append(Leak(call, resource, holders[0], "dropped"))
    return found


def _deleted_under_resource_warning(body: BodyIndex) -> set[str]:
    """The names a test deletes (``del session``) when it expects a ``ResourceWarning``
    (``pytest.warns(ResourceWarning)``): what it leaves unclosed is what it checks."""
    expects = any(
        body.qualified_name(call.func) in WARNS_CALLS
        and any(dotted_name(arg) in RESOURCE_WARNINGS for arg in call.args[:1])
        for call in body.of(ast.Call)
    )
    if not expects:
        return set()
    return {target.id for stmt in body.of(ast.Delete) for target in stmt.targets if isinstance(target, ast.Name)}


def _escapes(node: ast.Return, names: set[str]) -> bool:
    return node.value is not None and any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node.value))


# A write to a database goes through SQL text or an ORM flush: a module whose text holds
# none of these words cannot write one (whatever its fixtures hand it), so it is not modelled.
_DATABASE_WORDS = (
    "execute", "commit", "flush", "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "TRUNCATE",
    "ALTER", "REPLACE", "PRAGMA", "insert into", "update ", "delete from", "bulk_", "merge(",
)


def may_touch_database(text: str) -> bool:
    """Whether a module's text could write (or read back) database state at all."""
    return any(word in text for word in _DATABASE_WORDS)


def database_model(ctx: ModuleContext) -> DatabaseModel:
    """The module's database model, built once per module and shared by the FXL5 rules
    (kept with the module's context: it holds the context's body cache)."""
    return ctx.shared(
        "databases.model", lambda: DatabaseModel(ctx.path, ctx.facts, ctx.index, ctx.tree, ctx.body)
    )
