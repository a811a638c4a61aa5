import heapq
from collections import defaultdict


def find_conflicts(bookings):
    by_driver = defaultdict(list)
    for driver, start, end, booking_id in bookings:
        by_driver[driver].append((start, end, booking_id))
    pairs = []
    for trips in by_driver.values():
        trips.sort()
        running = []
        for start, end, booking_id in trips:
            while running and running[0][0] <= start:
                heapq.heappop(running)
            for _, other in running:
                pairs.append((other, booking_id))  # earlier booking first, not smaller id
            heapq.heappush(running, (end, booking_id))
    return sorted(pairs)
