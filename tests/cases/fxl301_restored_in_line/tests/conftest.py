from mypkg import App

App.test_mode = True
