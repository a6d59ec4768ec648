import threading

import bottle

from mypkg import context


def run_thread(func):
    worker = threading.Thread(target=func)
    worker.start()
    worker.join()


def test_thread_local_written_in_a_thread_of_its_own():
    def run():
        context.request.user = "alice"

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()


def test_plain_thread_local_written_through_a_helper_thread():
    def run():
        context.scratch.user = "bob"

    run_thread(run)


def test_thread_local_written_in_the_main_thread_stays_for_later_tests():
    context.request.user = "alice"  # expect: FXL305:5


def test_shared_object_written_in_a_thread_is_seen_by_every_thread():
    def run():
        context.settings.user = "carol"  # expect: FXL305:9

    run_thread(run)


def test_bottle_response_in_a_thread():
    def run():
        bottle.response.bind()
        bottle.response.content_type = "test/thread"

    run_thread(run)


def test_bottle_request_bound_here():
    bottle.request.bind({"PATH_INFO": "/t1"})
    bottle.request.environ = {}
