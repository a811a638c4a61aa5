from mldrill.grading.testkit import case, expect_equal, expect_raises


@case("correctness")
def test_first_in_first_out(sol):
    q = sol.TwoStackQueue()
    q.push(1)
    q.push(2)
    q.push(3)
    expect_equal(q.pop(), 1)
    expect_equal(q.peek(), 2)
    expect_equal(q.size(), 2)


@case("edge_cases", hint="Raise IndexError when there is nothing to pop.")
def test_pop_empty(sol):
    q = sol.TwoStackQueue()
    expect_raises("IndexError", q.pop)
