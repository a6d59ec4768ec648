from pkg.registry import register


def setup_thing():
    register("thing", object())
