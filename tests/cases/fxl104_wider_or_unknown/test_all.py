def test_all(per_test, dynamic, narrow_override_requests_wider, uses_session_builtins):
    assert per_test
