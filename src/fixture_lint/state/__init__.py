"""The shared-state model (DESIGN.md): what is shared, what writes it (statements and
calls, through effect summaries), what undoes a write, and the clock, port and resource
questions asked of the same function bodies."""
