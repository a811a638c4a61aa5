from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_statement_example(sol):
    bookings = [
        ("ana", 9, 12, 1),
        ("ana", 11, 13, 2),
        ("ben", 9, 12, 3),
        ("ana", 13, 15, 4),
    ]
    expect_equal(sol.find_conflicts(bookings), [(1, 2)])


@case("edge_cases", hint="No bookings means no conflicts: return [].")
def test_no_bookings(sol):
    expect_equal(sol.find_conflicts([]), [])
