"""kg.actors.v1 (stub, to be written)"""
def find_actors(report, vocabulary):
    return ()
