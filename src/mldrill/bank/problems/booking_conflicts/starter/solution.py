def find_conflicts(bookings: list[tuple[str, int, int, int]]) -> list[tuple[int, int]]:
    """Every pair of overlapping bookings of the same driver.

    Each booking is (driver, start, end, booking_id) and covers the half-open time
    [start, end): a booking ending at 10 does not overlap one starting at 10.
    Return a sorted list of (smaller_id, larger_id) tuples, one per overlapping pair.
    """
    raise NotImplementedError("write find_conflicts")
