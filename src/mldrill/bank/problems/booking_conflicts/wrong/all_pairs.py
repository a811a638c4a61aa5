def find_conflicts(bookings):
    # compares every booking with every other: O(n^2)
    pairs = []
    for i in range(len(bookings)):
        d1, s1, e1, a = bookings[i]
        for j in range(i + 1, len(bookings)):
            d2, s2, e2, b = bookings[j]
            if d1 == d2 and s1 < e2 and s2 < e1:
                pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)
