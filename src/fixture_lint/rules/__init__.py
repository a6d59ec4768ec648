"""Built-in rules, one module each; every Rule subclass here is registered."""
