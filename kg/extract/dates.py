"""kg.dates.v1 (stub, to be written)"""
def find_dates(report):
    return ()
