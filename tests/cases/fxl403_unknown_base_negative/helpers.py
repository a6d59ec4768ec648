def make_base():
    class Base:
        def test_engine(self, engine):
            assert engine

    return Base
