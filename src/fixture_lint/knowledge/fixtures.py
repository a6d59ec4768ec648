"""Scopes of the fixtures pytest and common plugins provide (data, no logic)."""
from __future__ import annotations
from dataclasses import dataclass


@dataclass(frozen=True)
class KnownFixture:
    """A fixture provided by pytest or a plugin, not by the analysed code."""
    name: str
    scope: str            # "function" | "class" | "module" | "package" | "session"
    provider: str         # distribution name as on PyPI: "pytest", "pytest-asyncio", "pytest-mock", ...
    overridable: bool = False  # True when the provider's docs tell users to override it in their conftest.py


# Sorted by (provider, name) with plain string ordering; (name, provider) pairs are unique.
# Private helpers (names starting with "_", e.g. pytest's ``_pytest``/``_sys_snapshot``,
# pytest-django's ``_django_db_helper``, pytest-asyncio's ``_<scope>_scoped_runner``) are
# left out on purpose: users never request or define them.
KNOWN_FIXTURES: tuple[KnownFixture, ...] = (
    # aiohttp 3.x: aiohttp/pytest_plugin.py (aio-libs/aiohttp tag v3.14.3; removed in 4.0,
    # loaded with ``pytest_plugins = "aiohttp.pytest_plugin"``; pytest-aiohttp < 1.0 was a
    # star-import of this module). test_client/test_server/raw_test_server/unused_port are
    # the deprecated aliases it still ships. All plain ``@pytest.fixture``.
    KnownFixture("aiohttp_client", "function", "aiohttp"),
    KnownFixture("aiohttp_raw_server", "function", "aiohttp"),
    KnownFixture("aiohttp_server", "function", "aiohttp"),
    KnownFixture("aiohttp_unused_port", "function", "aiohttp"),
    KnownFixture("fast", "function", "aiohttp"),
    KnownFixture("loop", "function", "aiohttp"),
    KnownFixture("loop_debug", "function", "aiohttp"),
    KnownFixture("proactor_loop", "function", "aiohttp"),
    KnownFixture("raw_test_server", "function", "aiohttp"),
    KnownFixture("test_client", "function", "aiohttp"),
    KnownFixture("test_server", "function", "aiohttp"),
    KnownFixture("unused_port", "function", "aiohttp"),
    # anyio: src/anyio/pytest_plugin.py (agronholm/anyio 4.14.x). anyio_backend is
    # ``scope="module"`` since 4.0 (docs/testing.rst still says "function scoped");
    # docs/testing.rst tells users to redefine it in their top-level conftest.py.
    KnownFixture("anyio_backend", "module", "anyio", overridable=True),
    KnownFixture("anyio_backend_name", "function", "anyio"),
    KnownFixture("anyio_backend_options", "function", "anyio"),
    KnownFixture("free_tcp_port", "function", "anyio"),
    KnownFixture("free_tcp_port_factory", "session", "anyio"),
    KnownFixture("free_udp_port", "function", "anyio"),
    KnownFixture("free_udp_port_factory", "session", "anyio"),
    # celery: celery/contrib/pytest.py (celery/celery 5.6.x; enabled by the old ``pytest-celery``
    # shim < 1.0 or ``pytest_plugins = ("celery.contrib.pytest",)``). Overridable ones per
    # docs/userguide/testing.rst ("Override ..."/"redefine this fixture") and the fixtures'
    # own docstrings (celery_class_tasks, use_celery_app_trap).
    KnownFixture("celery_app", "function", "celery"),
    KnownFixture("celery_class_tasks", "session", "celery", overridable=True),
    KnownFixture("celery_config", "session", "celery", overridable=True),
    KnownFixture("celery_enable_logging", "session", "celery", overridable=True),
    KnownFixture("celery_includes", "session", "celery", overridable=True),
    KnownFixture("celery_parameters", "session", "celery", overridable=True),
    KnownFixture("celery_session_app", "session", "celery"),
    KnownFixture("celery_session_worker", "session", "celery"),
    KnownFixture("celery_worker", "function", "celery"),
    KnownFixture("celery_worker_parameters", "session", "celery", overridable=True),
    KnownFixture("celery_worker_pool", "session", "celery", overridable=True),
    KnownFixture("depends_on_current_app", "function", "celery"),
    KnownFixture("use_celery_app_trap", "session", "celery", overridable=True),
    # pytest: src/_pytest/{cacheprovider,capture,doctest,fixtures,junitxml,legacypath,logging,
    # monkeypatch,pytester,recwarn,subtests,tmpdir}.py (pytest-dev/pytest main, 9.1.x).
    # ``request`` is the pseudo-fixture built by fixtures.RequestFixtureDef (Scope.Function).
    # capteesys: pytest >= 8.4; subtests: pytest >= 9.0; testdir/tmpdir/tmpdir_factory come from
    # the legacypath plugin; pytester/testdir/linecomp/LineMatcher need ``pytest_plugins = "pytester"``.
    KnownFixture("LineMatcher", "function", "pytest"),
    KnownFixture("cache", "function", "pytest"),
    KnownFixture("capfd", "function", "pytest"),
    KnownFixture("capfdbinary", "function", "pytest"),
    KnownFixture("caplog", "function", "pytest"),
    KnownFixture("capsys", "function", "pytest"),
    KnownFixture("capsysbinary", "function", "pytest"),
    KnownFixture("capteesys", "function", "pytest"),
    KnownFixture("doctest_namespace", "session", "pytest"),
    KnownFixture("linecomp", "function", "pytest"),
    KnownFixture("monkeypatch", "function", "pytest"),
    KnownFixture("pytestconfig", "session", "pytest"),
    KnownFixture("pytester", "function", "pytest"),
    KnownFixture("record_property", "function", "pytest"),
    KnownFixture("record_testsuite_property", "session", "pytest"),
    KnownFixture("record_xml_attribute", "function", "pytest"),
    KnownFixture("recwarn", "function", "pytest"),
    KnownFixture("request", "function", "pytest"),
    KnownFixture("subtests", "function", "pytest"),
    KnownFixture("testdir", "function", "pytest"),
    KnownFixture("tmp_path", "function", "pytest"),
    KnownFixture("tmp_path_factory", "session", "pytest"),
    KnownFixture("tmpdir", "function", "pytest"),
    KnownFixture("tmpdir_factory", "session", "pytest"),
    # pytest-aiohttp >= 1.0: pytest_aiohttp/plugin.py (aio-libs/pytest-aiohttp 1.1.x).
    # aiohttp_client_cls: its docstring shows redefining it to plug in a custom TestClient.
    # (No ``loop`` fixture any more; see the aiohttp block for the pre-1.0 fixtures.)
    KnownFixture("aiohttp_client", "function", "pytest-aiohttp"),
    KnownFixture("aiohttp_client_cls", "function", "pytest-aiohttp", overridable=True),
    KnownFixture("aiohttp_raw_server", "function", "pytest-aiohttp"),
    KnownFixture("aiohttp_server", "function", "pytest-aiohttp"),
    # pytest-asyncio: pytest_asyncio/plugin.py (pytest-dev/pytest-asyncio 1.4.x) and tag
    # v0.21.1 for ``event_loop`` (function scope; removed in 1.0; docs/source/reference/fixtures.rst
    # of that era said it "can be overridden ... in conftest.py"). event_loop_policy is
    # session-scoped and autouse; docs/reference/fixtures/index.rst says it "can be overridden"
    # (deprecated since 1.4 in favour of the pytest_asyncio_loop_factories hook).
    KnownFixture("event_loop", "function", "pytest-asyncio", overridable=True),
    KnownFixture("event_loop_policy", "session", "pytest-asyncio", overridable=True),
    KnownFixture("unused_tcp_port", "function", "pytest-asyncio"),
    KnownFixture("unused_tcp_port_factory", "session", "pytest-asyncio"),
    KnownFixture("unused_udp_port", "function", "pytest-asyncio"),
    KnownFixture("unused_udp_port_factory", "session", "pytest-asyncio"),
    # pytest-benchmark: src/pytest_benchmark/plugin.py (ionelmc/pytest-benchmark 5.2.x).
    KnownFixture("benchmark", "function", "pytest-benchmark"),
    KnownFixture("benchmark_weave", "function", "pytest-benchmark"),
    # pytest-cov: src/pytest_cov/plugin.py (pytest-dev/pytest-cov 7.0.x).
    KnownFixture("cov", "function", "pytest-cov"),
    KnownFixture("no_cover", "function", "pytest-cov"),
    # pytest-django: pytest_django/fixtures.py and pytest_django/plugin.py (pytest-dev/pytest-django
    # 4.14.x). Overridable: the fixtures of docs/database.rst "Advanced database configuration >
    # Fixtures" ("can be overridden in your own project by specifying a fixture with the same name
    # and scope in conftest.py"), except django_db_blocker, which is a tool, not a hook.
    KnownFixture("admin_client", "function", "pytest-django"),
    KnownFixture("admin_user", "function", "pytest-django"),
    KnownFixture("async_client", "function", "pytest-django"),
    KnownFixture("async_rf", "function", "pytest-django"),
    KnownFixture("client", "function", "pytest-django"),
    KnownFixture("db", "function", "pytest-django"),
    KnownFixture("django_assert_max_num_queries", "function", "pytest-django"),
    KnownFixture("django_assert_num_queries", "function", "pytest-django"),
    KnownFixture("django_capture_on_commit_callbacks", "function", "pytest-django"),
    KnownFixture("django_db_blocker", "session", "pytest-django"),
    KnownFixture("django_db_createdb", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_keepdb", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_modify_db_settings", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_modify_db_settings_parallel_suffix", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_modify_db_settings_tox_suffix", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_modify_db_settings_xdist_suffix", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_reset_sequences", "function", "pytest-django"),
    KnownFixture("django_db_serialized_rollback", "function", "pytest-django"),
    KnownFixture("django_db_setup", "session", "pytest-django", overridable=True),
    KnownFixture("django_db_use_migrations", "session", "pytest-django", overridable=True),
    KnownFixture("django_isolated_apps", "function", "pytest-django"),
    KnownFixture("django_mail_dnsname", "function", "pytest-django"),
    KnownFixture("django_mail_patch_dns", "function", "pytest-django"),
    KnownFixture("django_test_environment", "session", "pytest-django"),
    KnownFixture("django_user_model", "function", "pytest-django"),
    KnownFixture("django_username_field", "function", "pytest-django"),
    KnownFixture("live_server", "session", "pytest-django"),
    KnownFixture("mailoutbox", "function", "pytest-django"),
    KnownFixture("rf", "function", "pytest-django"),
    KnownFixture("settings", "function", "pytest-django"),
    KnownFixture("transactional_db", "function", "pytest-django"),
    # pytest-flask: src/pytest_flask/fixtures.py (pytest-dev/pytest-flask 1.3.x). live_server's
    # scope is a callable reading the ``live_server_scope`` ini option, default "session".
    # ``app`` is NOT provided: the docs tell users to define it themselves, so it is not listed.
    KnownFixture("accept_any", "function", "pytest-flask"),
    KnownFixture("accept_json", "function", "pytest-flask"),
    KnownFixture("accept_jsonp", "function", "pytest-flask"),
    KnownFixture("accept_mimetype", "function", "pytest-flask"),
    KnownFixture("client", "function", "pytest-flask"),
    KnownFixture("client_class", "function", "pytest-flask"),
    KnownFixture("config", "function", "pytest-flask"),
    KnownFixture("live_server", "session", "pytest-flask"),
    KnownFixture("mimetype", "function", "pytest-flask"),
    # pytest-freezegun (unmaintained, same fixture name as pytest-freezer):
    # pytest_freezegun.py (ktosiek/pytest-freezegun 0.4.2).
    KnownFixture("freezer", "function", "pytest-freezegun"),
    # pytest-freezer: pytest_freezer.py (pytest-dev/pytest-freezer 0.4.9).
    KnownFixture("freezer", "function", "pytest-freezer"),
    # pytest-httpserver: pytest_httpserver/pytest_plugin.py (csernazs/pytest-httpserver 1.1.5).
    # Overridable per doc/fixtures.rst and doc/howto.rst ("Overriding the httpserver_listen_address
    # fixture", "Overriding httpserver fixture" via make_httpserver, httpserver_ssl_context "should
    # return the ssl context"). httpserver_listen_address was function-scoped before 1.0.0.
    KnownFixture("httpserver", "function", "pytest-httpserver"),
    KnownFixture("httpserver_ipv4", "function", "pytest-httpserver"),
    KnownFixture("httpserver_ipv6", "function", "pytest-httpserver"),
    KnownFixture("httpserver_listen_address", "session", "pytest-httpserver", overridable=True),
    KnownFixture("httpserver_ssl_context", "session", "pytest-httpserver", overridable=True),
    KnownFixture("make_httpserver", "session", "pytest-httpserver", overridable=True),
    KnownFixture("make_httpserver_ipv4", "session", "pytest-httpserver"),
    KnownFixture("make_httpserver_ipv6", "session", "pytest-httpserver"),
    # pytest-httpx: pytest_httpx/__init__.py (Colin-b/pytest_httpx 0.36.x; tag v0.29.0 for the two
    # option fixtures that README.md told users to redefine; removed in 0.30 for the httpx_mock marker).
    KnownFixture("assert_all_responses_were_requested", "function", "pytest-httpx", overridable=True),
    KnownFixture("httpx_mock", "function", "pytest-httpx"),
    KnownFixture("non_mocked_hosts", "function", "pytest-httpx", overridable=True),
    # pytest-localserver: pytest_localserver/plugin.py (pytest-dev/pytest-localserver 0.10.x;
    # function scope in every tag from 0.7 on).
    KnownFixture("httpserver", "function", "pytest-localserver"),
    KnownFixture("httpsserver", "function", "pytest-localserver"),
    KnownFixture("smtpserver", "function", "pytest-localserver"),
    # pytest-mock: src/pytest_mock/plugin.py (pytest-dev/pytest-mock 3.15.x):
    # ``<scope>_mocker = pytest.fixture(scope=...)(_mocker)``.
    KnownFixture("class_mocker", "class", "pytest-mock"),
    KnownFixture("mocker", "function", "pytest-mock"),
    KnownFixture("module_mocker", "module", "pytest-mock"),
    KnownFixture("package_mocker", "package", "pytest-mock"),
    KnownFixture("session_mocker", "session", "pytest-mock"),
    # pytest-qt: src/pytestqt/plugin.py (pytest-dev/pytest-qt 4.5.x). qapp_args/qapp_cls: their
    # docstrings and docs/qapplication.rst say to override them (session scope) in conftest.py.
    KnownFixture("qapp", "session", "pytest-qt"),
    KnownFixture("qapp_args", "session", "pytest-qt", overridable=True),
    KnownFixture("qapp_cls", "session", "pytest-qt", overridable=True),
    KnownFixture("qtbot", "function", "pytest-qt"),
    KnownFixture("qtlog", "function", "pytest-qt"),
    KnownFixture("qtmodeltester", "function", "pytest-qt"),
    # pytest-recording: src/pytest_recording/plugin.py (kiwicom/pytest-recording 0.13.x).
    # vcr_config: README.rst "You can provide the recording configuration with the vcr_config
    # fixture, which could be any scope". block_network and vcr are autouse.
    KnownFixture("allowed_hosts", "function", "pytest-recording"),
    KnownFixture("block_network", "function", "pytest-recording"),
    KnownFixture("default_cassette_name", "function", "pytest-recording"),
    KnownFixture("disable_recording", "session", "pytest-recording"),
    KnownFixture("record_mode", "session", "pytest-recording"),
    KnownFixture("vcr", "function", "pytest-recording"),
    KnownFixture("vcr_cassette_dir", "module", "pytest-recording"),
    KnownFixture("vcr_config", "function", "pytest-recording", overridable=True),
    KnownFixture("vcr_markers", "function", "pytest-recording"),
    # pytest-socket: src/pytest_socket/__init__.py (miketheman/pytest-socket 0.8.x).
    KnownFixture("socket_disabled", "function", "pytest-socket"),
    KnownFixture("socket_enabled", "function", "pytest-socket"),
    # pytest-subtests: src/pytest_subtests/plugin.py (pytest-dev/pytest-subtests 0.15.x;
    # archived, merged into pytest 9.0 -- see the pytest block).
    KnownFixture("subtests", "function", "pytest-subtests"),
    # pytest-trio: pytest_trio/plugin.py (python-trio/pytest-trio 0.8.x). ``nursery`` is a
    # @trio_fixture (plain pytest.fixture) returning a placeholder the runner swaps in.
    KnownFixture("autojump_clock", "function", "pytest-trio"),
    KnownFixture("mock_clock", "function", "pytest-trio"),
    KnownFixture("nursery", "function", "pytest-trio"),
    # pytest-xdist: src/xdist/plugin.py (pytest-dev/pytest-xdist 3.8.x).
    KnownFixture("testrun_uid", "session", "pytest-xdist"),
    KnownFixture("worker_id", "session", "pytest-xdist"),
    # requests-mock: requests_mock/contrib/_pytest_plugin.py (jamielennox/requests-mock 1.12.x).
    KnownFixture("requests_mock", "function", "requests-mock"),
    # respx: respx/plugin.py (lundberg/respx 0.23.x; the pytest11 entry point).
    KnownFixture("respx_mock", "function", "respx"),
    # time-machine: src/time_machine/__init__.py (adamchainz/time-machine 3.4.x):
    # ``@pytest.fixture(name="time_machine")``.
    KnownFixture("time_machine", "function", "time-machine"),
)
