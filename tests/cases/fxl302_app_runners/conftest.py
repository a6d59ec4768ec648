import threading

import pytest
import uvicorn
from flask import Flask


@pytest.fixture
def flask_server():
    app = Flask(__name__)
    thread = threading.Thread(target=app.run, kwargs={"port": 5001}, daemon=True)
    thread.start()
    yield app
    thread.join(timeout=0)


@pytest.fixture
def flask_direct():
    app = Flask(__name__)
    thread = threading.Thread(target=lambda: app.run(host="127.0.0.1", port=5000), daemon=True)  # expect: FXL302:77
    thread.start()
    yield app
    thread.join(timeout=0)


@pytest.fixture
def uvicorn_server():
    config = uvicorn.Config("app:app", host="127.0.0.1", port=8000)  # expect: FXL302:63
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server
    server.should_exit = True
    thread.join()
