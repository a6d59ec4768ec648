import pickle


class SerializeOnlyOnce:
    serialized = False

    def __getstate__(self):
        if SerializeOnlyOnce.serialized:
            raise RuntimeError()
        SerializeOnlyOnce.serialized = True
        return {}

    def __setstate__(self, state):
        pass


class CountSerialization:
    serialization = 0

    def __getstate__(self):
        CountSerialization.serialization += 1  # expect: FXL304:9
        return "foo"

    def __setstate__(self, state):
        pass


def test_counts():
    pickle.dumps(CountSerialization())
