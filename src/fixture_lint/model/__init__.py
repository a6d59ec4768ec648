"""The suite as pytest sees it: qualified names, module facts, the conftest hierarchy,
loading and the shared per-function index."""
