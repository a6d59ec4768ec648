from shop import payments


def test_register_provider():
    # FXL308 project-state-write: the project's registry keeps the provider
    payments.register_provider("card", object())


def test_no_providers_by_default():
    assert payments.provider_names() == []
