import uvicorn


def test_flask(flask_server, flask_direct, uvicorn_server):
    assert flask_server


def run_forever():
    uvicorn.run("app:app", port=8001)  # expect: FXL302:33
