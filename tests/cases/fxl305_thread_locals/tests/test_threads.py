import threading

import bottle

from mypkg import context


def test_thread_local_subclass_instance():
    context.request.user = "alice"


def test_plain_thread_local():
    context.scratch.user = "bob"


def test_bottle_response_in_a_thread():
    def run():
        bottle.response.bind()
        bottle.response.content_type = "test/thread"

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()


def test_bottle_request_bound_here():
    bottle.request.bind({"PATH_INFO": "/t1"})
    bottle.request.environ = {}


def test_a_shared_object_is_shared_by_every_thread():
    context.settings.user = "carol"  # expect: FXL305:5
