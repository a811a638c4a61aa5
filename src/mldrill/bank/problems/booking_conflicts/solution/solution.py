import heapq
from collections import defaultdict


def find_conflicts(bookings: list[tuple[str, int, int, int]]) -> list[tuple[int, int]]:
    """Every pair of overlapping bookings of the same driver, as (smaller id, larger id), sorted.

    Each booking is (driver, start, end, booking_id) covering the half-open time [start, end).
    """
    by_driver = defaultdict(list)
    for driver, start, end, booking_id in bookings:
        by_driver[driver].append((start, end, booking_id))

    pairs = []
    for trips in by_driver.values():
        trips.sort()  # by start time: sweep through the driver's day left to right
        # Min-heap of (end, id) for the bookings still running. Everything in it started at
        # or before the current start; it overlaps the current booking iff it ends after it.
        running = []
        for start, end, booking_id in trips:
            # Half-open intervals: a booking that ends exactly at `start` does not overlap.
            while running and running[0][0] <= start:
                heapq.heappop(running)
            for _, other in running:
                pairs.append((min(booking_id, other), max(booking_id, other)))
            heapq.heappush(running, (end, booking_id))
    pairs.sort()
    return pairs
