def launch(app, port):
    app.run(port=port)
