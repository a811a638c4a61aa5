from collections import defaultdict


def find_conflicts(bookings):
    by_driver = defaultdict(list)
    for driver, start, end, booking_id in bookings:
        by_driver[driver].append((start, end, booking_id))
    pairs = []
    for trips in by_driver.values():
        # every pair of the driver's bookings: O(m^2) for a driver with m bookings
        for i, (s1, e1, a) in enumerate(trips):
            for s2, e2, b in trips[i + 1 :]:
                if s1 < e2 and s2 < e1:
                    pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)
