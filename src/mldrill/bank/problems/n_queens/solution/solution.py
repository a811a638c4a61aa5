def n_queens(n: int) -> tuple:
    """(number of ways to place n non-attacking queens, the lexicographically first one)."""
    cols, diagonals, anti_diagonals = set(), set(), set()  # attacked: c, r - c, r + c
    placement = []  # placement[r] = the column of the queen in row r
    count = 0
    first = None

    def place(row: int) -> None:
        nonlocal count, first
        if row == n:
            count += 1
            if first is None:
                first = list(placement)
            return
        for col in range(n):  # ascending columns: solutions come out in lexicographic order
            if col in cols or row - col in diagonals or row + col in anti_diagonals:
                continue  # prune: this square is attacked by a queen above
            cols.add(col)
            diagonals.add(row - col)
            anti_diagonals.add(row + col)
            placement.append(col)
            place(row + 1)
            placement.pop()  # undo, then try the next column
            cols.remove(col)
            diagonals.remove(row - col)
            anti_diagonals.remove(row + col)

    place(0)
    return count, first
