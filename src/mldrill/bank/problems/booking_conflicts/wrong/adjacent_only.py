from collections import defaultdict


def find_conflicts(bookings):
    by_driver = defaultdict(list)
    for driver, start, end, booking_id in bookings:
        by_driver[driver].append((start, end, booking_id))
    pairs = []
    for trips in by_driver.values():
        trips.sort()
        # only neighbours in start order are compared: a long booking that overlaps
        # several later ones is paired with the first of them only
        for (_, end, a), (next_start, _, b) in zip(trips, trips[1:]):
            if next_start < end:
                pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)
