"""The topic taxonomy every problem is tagged from: ``area/subtopic`` (or just ``area``)."""

TAXONOMY: dict[str, tuple[str, ...]] = {
    "foundations": ("linear-models", "optimisation", "probability-statistics", "metrics"),
    "deep-learning": (
        "layers", "backprop-autodiff", "normalisation", "regularisation", "optimisers", "cnns",
    ),
    "transformers": (
        "attention", "positional-encodings", "tokenisation", "decoding-sampling", "kv-cache",
        "lora",
    ),
    "llm-training": ("loss-masking", "perplexity", "preference-optimisation"),
    "data-preprocessing": ("scaling", "encoding", "splitting", "leakage", "imputation", "text"),
    "classic": (
        "graphs", "recursion-backtracking", "data-structures", "intervals",
        "simulation-monte-carlo", "state-estimation",
    ),
    "numerics": ("stability", "gradient-checking"),
}  # fmt: skip


def all_topics() -> list[str]:
    """Every valid tag: each area alone and each ``area/subtopic``."""
    out = []
    for area, subs in TAXONOMY.items():
        out.append(area)
        out.extend(f"{area}/{s}" for s in subs)
    return out


def check_topics(topics: list[str]) -> list[str]:
    """``topics`` unchanged when every tag is in the taxonomy; else ValueError naming them
    (used as a pydantic field validator by problems, questions and mock formats)."""
    known = set(all_topics())
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise ValueError(f"unknown topic(s) {unknown}; see docs/topics.md")
    return topics


def matches(tag: str, query: str) -> bool:
    """``--topic deep-learning`` matches ``deep-learning/layers``; a subtopic matches itself."""
    return tag == query or tag.startswith(query + "/") or tag.split("/")[-1] == query
