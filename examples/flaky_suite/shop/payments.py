_PROVIDERS = {}


def register_provider(name, provider):
    _PROVIDERS[name] = provider


def provider_names():
    return sorted(_PROVIDERS)
