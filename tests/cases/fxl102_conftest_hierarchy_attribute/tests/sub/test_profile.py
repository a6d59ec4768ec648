def test_rename(user):
    user.name = "bob"  # expect: FXL102:5
    assert user.name == "bob"


def test_reads(user):
    assert user.name
