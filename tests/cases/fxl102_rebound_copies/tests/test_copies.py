import copy


def test_deepcopy(settings):
    settings = copy.deepcopy(settings)
    settings["debug"] = True


def test_dict(settings):
    settings = dict(settings)
    settings.update(debug=True)


def test_concat(settings):
    settings = settings + [1]
    settings.append(2)


def test_augmented_name(settings):
    settings += 1
