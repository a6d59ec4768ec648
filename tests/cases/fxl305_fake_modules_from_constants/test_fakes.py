FAKE_MODULES = (
    "gevent",
    "gevent.monkey",
)


def test_imports_the_fake_set_up_from_a_constant(patching):
    patching.modules(*FAKE_MODULES)
    import gevent
    gevent.version_info = (1, 0, 0)


def test_imports_the_fake_set_up_from_the_tuple(patching):
    patching.modules(FAKE_MODULES)
    import gevent
    gevent.version_info = (1, 0, 0)


def test_imports_the_real_module():
    import gevent
    gevent.version_info = (1, 0, 0)  # expect: FXL305:5


def test_the_fake_is_of_another_module(patching):
    patching.modules(*FAKE_MODULES)
    import greenlet
    greenlet.version_info = (1, 0, 0)  # expect: FXL305:5
