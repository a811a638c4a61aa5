def topological_sort(n, edges):
    successors = [[] for _ in range(n)]
    for u, v in edges:
        successors[int(u)].append(int(v))
    # depth-first search, reversed post-order: a valid order, but not the smallest one
    state = [0] * n  # 0 new, 1 on the stack, 2 done
    post = []
    for root in range(n - 1, -1, -1):
        if state[root]:
            continue
        stack = [(root, iter(sorted(successors[root], reverse=True)))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state[child] == 1:
                    raise ValueError("the graph has a cycle")
                if state[child] == 0:
                    state[child] = 1
                    stack.append((child, iter(sorted(successors[child], reverse=True))))
                    break
            else:
                stack.pop()
                state[node] = 2
                post.append(node)
    return post[::-1]
