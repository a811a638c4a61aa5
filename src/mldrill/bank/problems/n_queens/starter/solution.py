def n_queens(n: int) -> tuple:
    """(number of ways to place n non-attacking queens, the lexicographically first one).

    A placement is a list cols with cols[r] = the column of the queen in row r. Return
    (count, first) where first is the smallest such list, or (0, None) if there is none.
    """
    raise NotImplementedError("write n_queens")
