def test_payload(payload, wide):
    payload["id"] = 2
    assert wide.ready
