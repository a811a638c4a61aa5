"""From raw texts to predictions."""

from data import make_corpus
from evaluate import accuracy
from model import fit_nb, predict
from text import build_vocab, tokenize, vectorize


def prepare(train_texts, test_texts, min_count=1):
    """Lower-case and tokenise both splits, build the vocabulary from the training split only,
    and return (vocab, X_train, X_test) as token counts."""
    train_docs = [tokenize(text.lower()) for text in train_texts]
    test_docs = [tokenize(text) for text in test_texts]
    vocab = build_vocab(train_docs + test_docs, min_count)
    return vocab, vectorize(train_docs, vocab), vectorize(test_docs, vocab)


def run_experiment(n_train=300, n_test=200, alpha=1.0, seed=0):
    """Train on one corpus, test on a fresh one; returns the accuracies and the vocabulary."""
    train_texts, y_train = make_corpus(n_train, seed=seed)
    test_texts, y_test = make_corpus(n_test, seed=seed + 1)
    vocab, X_train, X_test = prepare(train_texts, test_texts)
    model = fit_nb(X_train, y_train, 2, alpha)
    return {
        "vocab": sorted(vocab),
        "train_accuracy": accuracy(y_train, predict(model, X_train)),
        "test_accuracy": accuracy(y_test, predict(model, X_test)),
    }
