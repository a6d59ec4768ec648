from mypkg import state


def test_reads_the_stash():
    assert state.orig_join_will_block() is True
    assert state.orig_other() is False
