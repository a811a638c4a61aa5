from itertools import permutations


def n_queens(n):
    # every permutation of the columns, checked once complete: n! boards, no pruning
    count, first = 0, None
    for cols in permutations(range(n)):
        diagonals = {r - c for r, c in enumerate(cols)}
        anti_diagonals = {r + c for r, c in enumerate(cols)}
        if len(diagonals) == n and len(anti_diagonals) == n:
            count += 1
            if first is None:
                first = list(cols)
    return count, first
