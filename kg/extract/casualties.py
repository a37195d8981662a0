"""kg.casualties.v1 (stub, to be written)"""
def find_casualties(report, vocabulary):
    return ()
