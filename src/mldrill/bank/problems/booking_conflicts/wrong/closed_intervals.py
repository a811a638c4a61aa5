from collections import defaultdict


def find_conflicts(bookings):
    by_driver = defaultdict(list)
    for driver, start, end, booking_id in bookings:
        by_driver[driver].append((start, end, booking_id))
    pairs = []
    for trips in by_driver.values():
        trips.sort()
        for i, (start, end, a) in enumerate(trips):
            for later_start, _, b in trips[i + 1 :]:
                if later_start > end:  # treats [start, end] as closed: touching counts
                    break
                pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)
