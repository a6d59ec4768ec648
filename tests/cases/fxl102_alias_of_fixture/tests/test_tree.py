def test_rename_root(tree):
    root = tree
    root.name = "root"  # expect: FXL102:5


def test_rename_copy(tree):
    root = tree.copy()
    root.name = "root"
