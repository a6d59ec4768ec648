def join_will_block():
    return True


def other():
    return False
