"""Data, not logic: library calls and their effects (resources and their release, servers
and their ports, clocks and freezers, process-state setters) and built-in and plugin
fixtures. Everything here is reachable from the plugin hooks."""
