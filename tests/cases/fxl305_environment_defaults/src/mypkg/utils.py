def strtobool(term):
    if isinstance(term, str):
        return term.lower() in ("1", "true", "yes")
    return term
