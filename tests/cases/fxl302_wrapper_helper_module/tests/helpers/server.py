import uvicorn


def start_server(app):
    uvicorn.run(app, host="127.0.0.1", port=5000)


def start_default(app):
    uvicorn.run(app)


def start_on(app, port):
    uvicorn.run(app, port=port)


def start_free(app):
    uvicorn.run(app, port=0)


def listen_on(sock, backlog=100):
    # a backlog, not a port: ``listen`` takes no port below 1024
    sock.listen(backlog)
