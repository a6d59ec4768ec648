"""Where test code binds or serves a port, and whether that port is a fixed number.

A *binder* is a call that makes this machine listen: ``sock.bind((host, port))``,
``HTTPServer((host, port), Handler)``, ``asyncio.start_server(cb, host, port)``,
``web.TCPSite(runner, host, port)``, ``uvicorn.run(app, port=...)``, ``app.run(port=...)``,
or a subprocess whose argv serves (``--port 8080``, ``python -m http.server 8000``).
A port is *fixed* when it resolves statically to a non-zero integer: a literal, a local
or module-level constant, or a fixture of the analysed code that returns one. Anything
else (``unused_tcp_port``, ``sock.getsockname()[1]``, a parameter) is not fixed, so
clients, mocked URLs and numbers in strings never count: only what reaches a binder.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from ..model.bodies import BodyIndex
from ..model.facts import TestDef
from ..model.callsites import call_pattern
from .summaries import Callee, ModuleRef, ProjectFunctions, ProjectQuestion
from ..knowledge.ports import (  # the data half of this module
    ADDRESS_OPTIONS,
    HOST_PORT,
    PORT_OPTIONS,
    POSITIONAL_PORT_AFTER,
    SHORT_PORT_PROGRAMS,
    SUBPROCESS_CALLS,
    PortBinder,
)


@dataclass
class FixedPort:
    """A fixed port reaching a binder."""

    call: ast.Call
    """The binding call (or the subprocess call)."""
    node: ast.AST
    """Where the port is written (the literal, the name, the argv item): reported here."""
    port: int
    via: str
    """``""`` for a literal; ``constant `PORT```, ``fixture `port```; ``argv``."""
    what: str
    """The binding call as the message names it: ``HTTPServer()``, ``.bind()``."""
    literal: Optional[ast.Constant] = None
    """The literal written in the call itself, when the port is one (fix target)."""
    binder: Optional[PortBinder] = None


class PortValues:
    """Resolves the value of a port expression inside one function, statically.

    A literal; a name bound once in the function to a literal; a module constant; a
    parameter whose fixture returns a fixed number, or whose parametrize values are all
    fixed numbers (``fixture_port`` answers for parameters); ``X + 1`` of those. Anything else (a parameter, a call, an attribute) is not fixed.
    """

    def __init__(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        body: BodyIndex,
        constants: dict[str, ast.expr],
        fixture_port: Callable[[str], Optional[tuple[int, str]]],
    ) -> None:
        self.constants = constants
        self.fixture_port = fixture_port
        self._function = function
        self._body = body
        self._locals: Optional[dict[str, list[ast.expr]]] = None
        args = function.args
        self.params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}

    @property
    def locals(self) -> dict[str, list[ast.expr]]:
        """Every binding of each local name (``None`` for one that is not a plain value);
        read on first use, so functions without a binding call cost nothing."""
        if self._locals is None:
            self._locals = self._read_locals(self._function, self._body)
        return self._locals

    def _read_locals(
        self, function: ast.FunctionDef | ast.AsyncFunctionDef, body: BodyIndex
    ) -> dict[str, list[ast.expr]]:
        locals_: dict[str, list[ast.expr]] = {}
        self_locals = locals_
        for assign in body.of(ast.Assign):
            for target in assign.targets:
                for name in _bound_names(target):
                    value = assign.value if isinstance(target, ast.Name) else None
                    self_locals.setdefault(name, []).append(value)  # type: ignore[arg-type]
        targets: list[ast.expr] = [
            *(n.target for n in body.of(ast.AugAssign)),
            *(n.target for n in body.of(ast.AnnAssign)),
            *(n.target for n in body.of(ast.For)),
            *(n.target for n in body.of(ast.AsyncFor)),
            *(n.target for n in body.of(ast.NamedExpr)),
        ]
        for target in targets:
            for name in _bound_names(target):
                self_locals.setdefault(name, []).append(None)  # type: ignore[arg-type]
        inners: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda] = [
            *body.of(ast.FunctionDef), *body.of(ast.AsyncFunctionDef), *body.of(ast.Lambda)
        ]
        for inner in inners:
            if inner is not function:
                inner_args = inner.args
                for a in inner_args.posonlyargs + inner_args.args + inner_args.kwonlyargs:
                    self_locals.setdefault(a.arg, []).append(None)  # type: ignore[arg-type]
        return locals_

    def expr(self, node: ast.expr, depth: int = 0) -> ast.expr:
        """What a name stands for when it is bound once (locally or at module level)."""
        while isinstance(node, ast.Name) and depth < 5:
            depth += 1
            bound = self.locals.get(node.id)
            if bound is not None:
                if len(bound) != 1 or bound[0] is None:
                    return node
                node = bound[0]
            elif node.id in self.constants and node.id not in self.params:
                node = self.constants[node.id]
            else:
                return node
        return node

    def port(self, node: ast.expr, depth: int = 0) -> Optional[tuple[int, str]]:
        """``(port, how it was found)``: ``""`` for a literal in the function,
        ``constant `PORT``` or ``fixture `port```; ``None`` when not fixed."""
        if depth > 5:
            return None
        number = int_literal(node)
        if number is not None:
            return number, ""
        if isinstance(node, ast.Name):
            bound = self.locals.get(node.id)
            if bound is not None:
                if len(bound) == 1 and bound[0] is not None:
                    return self.port(bound[0], depth + 1)
                return None
            if node.id in self.params:
                return self.fixture_port(node.id)
            value = self.constants.get(node.id)
            if value is not None:
                found = self.port(value, depth + 1)
                if found is not None:
                    return found[0], found[1] or f"constant `{node.id}`"
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            left, right = self.port(node.left, depth + 1), self.port(node.right, depth + 1)
            if left is None or right is None:
                return None
            total = left[0] + right[0] if isinstance(node.op, ast.Add) else left[0] - right[0]
            return total, left[1] or right[1]
        return None


def _bound_names(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _bound_names(elt)]
    if isinstance(target, ast.Starred):
        return _bound_names(target.value)
    return []


PortResolver = PortValues


class PortTable:
    """The registered binders."""

    def __init__(self, binders: Sequence[PortBinder], preview: bool = False) -> None:
        binders = [binder for binder in binders if preview or not binder.preview]
        self.qualified: dict[str, PortBinder] = {}
        self.methods: dict[str, PortBinder] = {}
        self.bare: dict[str, PortBinder] = {}
        self.starters: dict[str, PortBinder] = {}
        for binder in binders:
            if binder.any_module:
                self.starters[binder.name] = binder
            elif binder.name.startswith("."):
                self.methods[binder.name[1:]] = binder
            elif "." in binder.name:
                self.qualified[binder.name] = binder
            else:
                self.bare[binder.name] = binder
        names = [b.name.lstrip(".") for b in binders] + list(SUBPROCESS_CALLS)
        self.last_names = frozenset(name.rsplit(".", 1)[-1] for name in names)
        self.pattern = call_pattern(names)
        """Matches the text of any call that may bind (for ``CallSites``)."""

    def binder(self, call: ast.Call, body: BodyIndex, starters: bool = False) -> Optional[tuple[PortBinder, str]]:
        func = call.func
        qualified = body.qualified_name(func)
        if qualified is not None:
            binder = self.qualified.get(qualified)
            if binder is not None:
                short = ".".join(qualified.split(".")[-2:]) if qualified.islower() else qualified.rsplit(".", 1)[-1]
                return binder, short + "()"
            if qualified in SUBPROCESS_CALLS:
                return None
        if isinstance(func, ast.Attribute):
            binder = self.methods.get(func.attr)
            if binder is not None:
                return binder, f".{func.attr}()"
        if isinstance(func, ast.Name) and qualified is None:
            binder = self.bare.get(func.id)
            if binder is not None:
                return binder, f"{func.id}()"
        if starters and (qualified is None or qualified.split(".", 1)[0] not in _KNOWN_LIBRARIES):
            # ``start_server(port=8080)``, ``myapp.testing.serve(port=8080)``: the project's own
            last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            binder = self.starters.get(last) if last is not None else None
            if binder is not None:
                return binder, f"{last}()"
        return None

    def fixed_ports(self, body: BodyIndex, resolve: PortResolver, defaults: bool = False) -> Iterator[FixedPort]:
        """Every call in the function that binds a fixed, non-zero port (with ``defaults``,
        also a server started with no port, which binds its library's default)."""
        for call in body.of(ast.Call):
            func = call.func
            last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if last not in self.last_names:
                continue
            # Server starters by name are a preview behaviour: ``defaults`` is set in preview.
            found = self.binder(call, body, starters=defaults)
            if found is not None:
                binder, what = found
                fixed = _port_of_binder(call, binder, resolve)
                if fixed is not None:
                    node, port, via = fixed
                    literal = node if isinstance(node, ast.Constant) and not via else None
                    yield FixedPort(call, node, port, via, what, literal, binder)
                elif defaults and binder.default_port is not None and _serves_default(call, binder):
                    yield FixedPort(call, call, binder.default_port, "its default", what, None, binder)
                continue
            if body.qualified_name(call.func) in SUBPROCESS_CALLS and call.args:
                argv = _port_in_argv(call.args[0], resolve)
                if argv is not None:
                    node, port, via = argv
                    yield FixedPort(call, node, port, via or "argv", "a subprocess")


_KNOWN_LIBRARIES = frozenset({"asyncio", "socket", "socketserver", "http", "hypercorn", "aiohttp", "grpc", "multiprocessing"})
"""Libraries whose calls of these names the table knows by their qualified names."""


def _port_of_binder(
    call: ast.Call, binder: PortBinder, resolve: PortResolver
) -> Optional[tuple[ast.AST, int, str]]:
    candidates = _candidates(call, binder)
    for kind, value in candidates:
        if kind == "address":
            written = resolve.expr(value)
            address = _address_tuple(written)
            if address is None:
                continue
            if written is not value:  # ``TCPServer(ADDRESS, ...)``: report at ``ADDRESS``
                resolved = resolve.port(address)
                if resolved is not None and 0 < resolved[0] < 65536:
                    name = value.id if isinstance(value, ast.Name) else "the address"
                    return value, resolved[0], resolved[1] or f"constant `{name}`"
                continue
            value = address
        if kind == "string":
            text = value.value.strip() if isinstance(value, ast.Constant) and isinstance(value.value, str) else ""
            match = HOST_PORT.match(text)
            # ``sock.bind("tcp://*:5555")`` (ZeroMQ) names a port; other strings are paths
            if match is None or (binder.name == ".bind" and "://" not in text):
                continue
            port = int(match.group(1))
            if port:
                return value, port, ""
            continue
        resolved = resolve.port(value)
        if resolved is None and kind in ("port", "keyword"):
            resolved = _digit_string(resolve.expr(value))  # ``port="8080"``
        if resolved is None:
            continue
        port, via = resolved
        if kind == "port" and port < binder.min_port:
            continue
        if 0 < port < 65536:
            return value, port, via
    return None


def _candidates(call: ast.Call, binder: PortBinder) -> list[tuple[str, ast.expr]]:
    """The arguments of a binding call that may hold its port, with their kind:
    ``address`` (a ``(host, port)`` tuple), ``port``, ``string`` or ``keyword``."""
    candidates: list[tuple[str, ast.expr]] = []
    if binder.address_arg is not None and len(call.args) > binder.address_arg:
        candidates.append(("address", call.args[binder.address_arg]))
    if binder.port_arg is not None and len(call.args) > binder.port_arg:
        candidates.append(("port", call.args[binder.port_arg]))
    if binder.string_arg is not None and len(call.args) > binder.string_arg:
        candidates.append(("string", call.args[binder.string_arg]))
    for keyword in call.keywords:
        if keyword.arg is not None and keyword.arg == binder.address_keyword:
            candidates.append(("address", keyword.value))
        elif keyword.arg is not None and keyword.arg == binder.port_keyword:
            candidates.append(("keyword", keyword.value))
    return candidates


def port_parameters(call: ast.Call, binder: PortBinder, resolve: PortResolver) -> list[tuple[str, int]]:
    """The parameters of the enclosing function that a binding call binds as its port,
    with the smallest number that is a port there: ``app.run(port=port)``,
    ``sock.bind((host, port))``; ``sock.listen(backlog)`` binds nothing below 1024."""
    found: list[tuple[str, int]] = []
    for kind, value in _candidates(call, binder):
        if kind == "string":
            continue
        if kind == "address":
            port = _address_tuple(resolve.expr(value))
            if port is None:
                continue
            value = port
        written = resolve.expr(value)
        if isinstance(written, ast.Name) and written.id in resolve.params and written.id not in resolve.locals:
            found.append((written.id, binder.min_port if kind == "port" else 1))
    return found


def _digit_string(node: ast.expr) -> Optional[tuple[int, str]]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip().isdigit():
        return int(node.value), ""
    return None


def _serves_default(call: ast.Call, binder: PortBinder) -> bool:
    """Given no port (nor ``**options`` that may hold one, nor a socket or path to serve on)."""
    if binder.port_arg is not None and len(call.args) > binder.port_arg:
        return False
    if any(isinstance(arg, ast.Starred) for arg in call.args):
        return False
    names = {kw.arg for kw in call.keywords}
    return None not in names and binder.port_keyword not in names and not names & set(binder.elsewhere)


def _address_tuple(value: ast.expr) -> Optional[ast.expr]:
    """The port element of ``(host, port)`` (or ``(host, port, flow, scope)``)."""
    if isinstance(value, ast.Tuple) and len(value.elts) in (2, 4):
        host = value.elts[0]
        if isinstance(host, ast.Constant) and not isinstance(host.value, str):
            return None
        return value.elts[1]
    return None


def _port_in_argv(argv: ast.expr, resolve: PortResolver) -> Optional[tuple[ast.AST, int, str]]:
    """A fixed port in a command that serves: ``["uvicorn", "app:app", "--port", "8000"]``,
    ``"python -m http.server 8000"``, ``[sys.executable, "-m", "http.server", str(PORT)]``."""
    tokens: list[tuple[Optional[str], ast.AST, Optional[int], str]] = []
    if isinstance(argv, (ast.List, ast.Tuple)):
        for element in argv.elts:
            tokens.append(_token(element, resolve))
    elif isinstance(argv, ast.Constant) and isinstance(argv.value, str):
        try:
            words = shlex.split(argv.value)
        except ValueError:
            return None
        tokens = [(word, argv, int(word) if word.isdigit() else None, "") for word in words]
    else:
        return None
    texts = [text or "" for text, _, _, _ in tokens]
    program = texts[0].rsplit("/", 1)[-1] if texts else ""
    # ``-p`` is a port only for a command that serves (``docker run -p``, ``server.py -p``);
    # for clients (``ssh -p``, ``psql -p``) and ``pytest -p plugin`` it is something else
    short_port = program in SHORT_PORT_PROGRAMS or any(t == "run" or "serve" in t for t in texts)
    for index, (text, node, number, via) in enumerate(tokens):
        if text is None:
            continue
        name, equals, inline = text.partition("=")
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if PORT_OPTIONS.match(name) or (name == "-p" and short_port):
            if equals:
                if inline.isdigit() and int(inline):
                    return node, int(inline), via
                continue
            if nxt is not None:
                port = nxt[2]
                if port is None and nxt[0] and name == "-p":
                    match = re.match(r"^(?:[\d.]+:)?(\d{1,5}):\d+", nxt[0])
                    port = int(match.group(1)) if match else None
                if port:
                    return nxt[1], port, nxt[3]
        elif name in ADDRESS_OPTIONS:
            value = inline if equals else (nxt[0] if nxt is not None else None)
            where = node if equals else (nxt[1] if nxt is not None else node)
            if value:
                match = HOST_PORT.match(value)
                if match and int(match.group(1)):
                    return where, int(match.group(1)), via if equals else (nxt[3] if nxt else "")
        elif name in POSITIONAL_PORT_AFTER:
            for later_text, later_node, later_number, later_via in tokens[index + 1:]:
                if later_number:
                    return later_node, later_number, later_via
                if later_text and name in ("runserver", "-S"):
                    match = HOST_PORT.match(later_text)
                    if match and int(match.group(1)):
                        return later_node, int(match.group(1)), later_via
                    if not later_text.startswith("-"):
                        break
    return None


def _token(element: ast.expr, resolve: PortResolver) -> tuple[Optional[str], ast.AST, Optional[int], str]:
    """``(text, node, number, via)`` of one argv element."""
    if isinstance(element, ast.Constant) and isinstance(element.value, str):
        text = element.value
        return text, element, int(text) if text.isdigit() else None, ""
    if (
        isinstance(element, ast.Call)
        and isinstance(element.func, ast.Name)
        and element.func.id == "str"
        and len(element.args) == 1
    ):
        resolved = resolve.port(element.args[0])
        if resolved is not None:
            return str(resolved[0]), element, resolved[0], resolved[1]
        return None, element, None, ""
    if isinstance(element, ast.JoinedStr):
        parts: list[str] = []
        via = ""
        for value in element.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue):
                resolved = resolve.port(value.value)
                if resolved is None:
                    return None, element, None, ""
                parts.append(str(resolved[0]))
                via = resolved[1]
            else:
                return None, element, None, ""
        text = "".join(parts)
        return text, element, int(text) if text.isdigit() else None, via
    return None, element, None, ""


def int_literal(node: Optional[ast.AST]) -> Optional[int]:
    """The value of an int literal (not a bool), ``"8080"`` excluded."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None


def fixed_return(function: ast.FunctionDef | ast.AsyncFunctionDef, constants: dict[str, ast.expr]) -> Optional[int]:
    """The port a fixture hands out when it is a fixed number: ``return 8080``,
    ``yield PORT`` (top-level statements only)."""
    values: list[Optional[int]] = []
    for stmt in function.body:
        value: Optional[ast.expr] = None
        if isinstance(stmt, ast.Return):
            value = stmt.value
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Yield):
            value = stmt.value.value
        else:
            continue
        number = int_literal(value)
        if number is None and isinstance(value, ast.Name):
            number = int_literal(constants.get(value.id))
        values.append(number)
    if values and all(v is not None and 0 < v < 65536 for v in values) and len(set(values)) == 1:
        return values[0]
    return None


def parametrized_port(test: TestDef, name: str) -> Optional[int]:
    """The port a parametrized argument always gets: ``parametrize("port", [8080, 8081])``
    (every value a fixed non-zero number; the first is reported)."""
    found: Optional[int] = None
    for parametrize in test.parametrize:
        if name not in parametrize.argnames or not isinstance(parametrize.argvalues, (ast.List, ast.Tuple)):
            continue
        position = parametrize.argnames.index(name)
        for case in parametrize.argvalues.elts:
            if isinstance(case, ast.Call) and case.args:  # pytest.param(8080, id=...)
                case = case.args[0] if len(parametrize.argnames) == 1 else ast.Tuple(elts=list(case.args))
            if len(parametrize.argnames) > 1:
                if not isinstance(case, (ast.Tuple, ast.List)) or len(case.elts) <= position:
                    return None
                case = case.elts[position]
            number = int_literal(case)
            if number is None or not 0 < number < 65536:
                return None
            found = number if found is None else found
    return found


# -- the project's own port wrappers ---------------------------------------------------------
@dataclass(frozen=True)
class PortWrapper:
    """What a project function binds: a fixed ``port``, or the port its caller passes as
    ``param`` (``def start_server(app, port): app.run(port=port)``)."""

    what: str
    """The binding call at the end of the chain: ``.run()``, ``HTTPServer()``."""
    path: Path
    line: int
    """Where that call is written."""
    port: Optional[int] = None
    param: Optional[str] = None
    min_port: int = 1
    """A number passed for ``param`` below this is something else (a ``listen`` backlog)."""
    test_code: bool = False
    """The number was fixed in a test-code file (conftest, test module), where FXL302
    reports it already: callers further out are not reported again."""


class ProjectPorts(ProjectQuestion[PortWrapper]):
    """Calls of project functions that bind a port (an effect summary per function,
    through ``state.summaries``): a function whose body binds a fixed port (or serves with
    no port where the library has a default), or calls another such function, binds it;
    one that binds its parameter binds what each caller passes."""

    kind = "ports"

    def __init__(self, table: PortTable, functions: ProjectFunctions, module: ModuleRef) -> None:
        self.table: PortTable = table
        super().__init__(table, functions, module, table.last_names)

    def fixed_calls(self, body: BodyIndex, resolve: PortValues) -> Iterator[tuple[ast.Call, Callee, PortWrapper, int]]:
        """The calls in ``body`` of wrappers that bind a fixed port, with that port; not
        those whose number a test-code file already binds (reported there)."""
        for call in body.of(ast.Call):
            func = call.func
            last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if last not in self.names.lasts:
                continue
            found = self.summaries.of_call(call, body, self.module)
            if found is None:
                continue
            callee, summary = found
            port = self._port_at(call, callee, summary, resolve)
            if port is not None and port >= summary.min_port and not (summary.port is not None and summary.test_code):
                yield call, callee, summary, port

    def _port_at(self, call: ast.Call, callee: Callee, summary: PortWrapper, resolve: PortValues) -> Optional[int]:
        """The port a call of a wrapper binds: its own, or what the call passes for its
        parameter (or the parameter's default when it passes none)."""
        if summary.port is not None:
            return summary.port
        if summary.param is None:
            return None
        argument = _argument_for(call, callee, summary.param)
        if argument is not None:
            found = resolve.port(argument)
            if found is None:
                found = _digit_string(resolve.expr(argument))
            return found[0] if found is not None and 0 < found[0] < 65536 else None
        default = _default_of(callee, summary.param)
        if default is None or any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return None
        number = int_literal(default)
        if number is None and isinstance(default, ast.Name):
            number = int_literal(callee.module.constants.get(default.id))
        return number if number is not None and 0 < number < 65536 else None

    def _summarise(self, callee: Callee, depth: int) -> Optional[PortWrapper]:
        body = callee.body
        resolve = PortValues(callee.node, body, callee.module.constants, lambda name: None)
        path = callee.module.path
        test_code = self.functions.index.projects.for_path(path).is_test_file(path)
        for fixed in self.table.fixed_ports(body, resolve, defaults=True):
            if not body.in_expected_failure(fixed.call):
                return PortWrapper(fixed.what, path, fixed.call.lineno, port=fixed.port, test_code=test_code)
        for call in body.of(ast.Call):
            found = self.table.binder(call, body, starters=True)
            if found is not None:
                params = port_parameters(call, found[0], resolve)
                if params:
                    return PortWrapper(found[1], path, call.lineno, param=params[0][0], min_port=params[0][1])
        for call in body.of(ast.Call):
            inner = self.summaries.of_call(call, body, callee.module, depth + 1)
            if inner is None:
                continue
            wrapped, summary = inner
            if summary.port is not None:
                return summary
            if summary.param is None:
                continue
            argument = _argument_for(call, wrapped, summary.param)
            if argument is None:
                port = self._port_at(call, wrapped, summary, resolve)
                if port is not None and port >= summary.min_port:
                    return dataclasses.replace(summary, port=port, param=None, test_code=test_code)
                continue
            fixed_port = resolve.port(argument) or _digit_string(resolve.expr(argument))
            if fixed_port is not None and summary.min_port <= fixed_port[0] < 65536:
                return dataclasses.replace(summary, port=fixed_port[0], param=None, test_code=test_code)
            written = resolve.expr(argument)
            if isinstance(written, ast.Name) and written.id in resolve.params and written.id not in resolve.locals:
                return dataclasses.replace(summary, param=written.id)
        return None


def _argument_for(call: ast.Call, callee: Callee, param: str) -> Optional[ast.expr]:
    """What ``call`` passes for the callee's parameter ``param`` (by keyword or position)."""
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    params = callee.params
    if param in params:
        index = params.index(param)
        if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            return call.args[index]
    return None


def _default_of(callee: Callee, param: str) -> Optional[ast.expr]:
    args = callee.node.args
    positional = args.posonlyargs + args.args
    names = [a.arg for a in positional]
    if param in names:
        offset = len(positional) - len(args.defaults)
        index = names.index(param)
        return args.defaults[index - offset] if index >= offset else None
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == param:
            return default
    return None
