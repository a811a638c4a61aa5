"""A synthetic corpus of short product reviews, labelled 0 (negative) or 1 (positive)."""

import numpy as np

SENTIMENT = (
    ["awful", "boring", "broken", "dull", "refund", "terrible", "waste"],
    ["brilliant", "charming", "excellent", "fun", "great", "loved", "superb"],
)
NEUTRAL = ["a", "and", "it", "the", "this", "was", "film", "plot", "story", "sound", "price"]
LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyz"))


def _rare_word(rng):
    """A made-up name (a brand, a director), almost never seen twice in the corpus."""
    return "".join(rng.choice(LETTERS, size=7))


def make_corpus(n_docs=300, p_positive=0.3, seed=0):
    """n_docs reviews and their labels. Mostly neutral words; each sentiment word matches the
    label with probability 0.8. Reviews start with a capital letter, a fifth of them are
    written in capitals throughout, and some mention a rare name."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n_docs) < p_positive).astype(np.int64)
    texts = []
    for label in y:
        words = []
        for _ in range(rng.integers(4, 12)):
            if rng.random() < 0.6:
                words.append(str(rng.choice(NEUTRAL)))
            else:
                side = label if rng.random() < 0.8 else 1 - label
                words.append(str(rng.choice(SENTIMENT[side])))
        if rng.random() < 0.5:
            words.insert(int(rng.integers(0, len(words) + 1)), _rare_word(rng))
        text = " ".join(words).capitalize() + rng.choice([".", "!", "..."])
        texts.append(text.upper() if rng.random() < 0.2 else text)
    return texts, y
