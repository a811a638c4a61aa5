import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal


def _logsumexp(a):
    m = a.max(axis=1, keepdims=True)
    return m + np.log(np.exp(a - m).sum(axis=1, keepdims=True))


# A hand-sized training set: three documents over a three-token vocabulary.
X3 = np.array([[2.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
Y3 = np.array([0, 1, 1])
# With add-one smoothing: class 0 counts [2, 0, 1] -> [3, 1, 2] / 6,
# class 1 counts [1, 2, 0] -> [2, 3, 1] / 6. Priors: one document of three, two of three.
LOG_PRIOR3 = np.log([1.0 / 3.0, 2.0 / 3.0])
LOG_LIK3 = np.log(np.array([[3.0, 1.0, 2.0], [2.0, 3.0, 1.0]]) / 6.0)


def _model3():
    return {"log_prior": LOG_PRIOR3.copy(), "log_lik": LOG_LIK3.copy()}


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_corpus_recorded_values(sol):
    texts, y = sol.data.make_corpus(seed=0)
    expect(len(texts) == 300 and len(y) == 300, f"{len(texts)} texts, expected 300")
    expect_equal(texts[0], "Sound and plot boring terrible the broken story.", what="texts[0]")
    expect_equal(
        texts[1],
        "Charming film sound great charming film price film a brilliant film!",
        what="texts[1]",
    )
    expect_equal(
        texts[3],
        "PLOT PLOT AND LOVED SOUND VGPTKQD SOUND SOUND IT AND FILM LOVED...",
        what="texts[3]",
    )
    expect_equal(
        texts[8], "Waste it refund this hehsjzo and broken a was brilliant!", what="texts[8]"
    )
    expect_equal(sum(len(t.split()) for t in texts), 2399, what="the number of words")
    expect_equal(y[:12].tolist(), [0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1], what="y[:12]")
    expect_equal(int(y.sum()), 76, what="number of positive reviews")
    _, all_positive = sol.data.make_corpus(6, p_positive=1.0, seed=3)
    expect_equal(all_positive.tolist(), [1] * 6, what="labels with p_positive=1")


# ---------------------------------------------------------------- text.py


@case("correctness")
def test_tokenize_hand_example(sol):
    got = sol.text.tokenize("It's GREAT, great-ish fun!! 10/10")
    expect_equal(got, ["It's", "GREAT", "great", "ish", "fun", "10", "10"], what="tokens")
    expect_equal(sol.text.tokenize("...!"), [], what="tokens of punctuation only")


@case("correctness")
def test_build_vocab_hand_example(sol):
    docs = [["pear", "apple", "pear"], ["fig"], []]
    expect_equal(
        sol.text.build_vocab(docs), {"apple": 0, "fig": 1, "pear": 2}, what="build_vocab(docs)"
    )
    expect_equal(sol.text.build_vocab(docs, 2), {"pear": 0}, what="build_vocab(docs, min_count=2)")


@case("edge_cases")
def test_vectorize_ignores_unknown_tokens(sol):
    vocab = {"a": 0, "b": 1}
    X = sol.text.vectorize([["a", "b", "a", "zzz"], [], ["zzz"]], vocab)
    expect_close(X, np.array([[2.0, 1.0], [0.0, 0.0], [0.0, 0.0]]), what="count vectors")


# ---------------------------------------------------------------- pipeline.py


@case("correctness", hint="Which texts may shape the vocabulary?")
def test_prepare_vocabulary_comes_from_the_training_texts(sol):
    train = ["Good film.", "bad PLOT!"]
    test = ["Unseen words here", "good"]
    vocab, X_train, X_test = sol.pipeline.prepare(train, test)
    expect_equal(vocab, {"bad": 0, "film": 1, "good": 2, "plot": 3}, what="the vocabulary")
    expect_close(X_train, np.array([[0.0, 1, 1, 0], [1, 0, 0, 1]]), what="X_train")
    expect_close(X_test, np.array([[0.0, 0, 0, 0], [0, 0, 1, 0]]), what="X_test")


@case("correctness", hint="'GREAT' in a test review must land in the same column as 'great'.")
def test_prepare_lower_cases_both_splits(sol):
    train = ["good film", "bad plot"]
    test = ["GOOD Film!", "good film", "Bad BAD plot"]
    _, X_train, X_test = sol.pipeline.prepare(train, test)
    expect_close(X_test[0], X_train[0], what="the counts of 'GOOD Film!'")
    expect_close(X_test[1], X_train[0], what="the counts of 'good film'")
    expect_close(X_test[2], np.array([2.0, 0.0, 0.0, 1.0]), what="the counts of 'Bad BAD plot'")


@case("edge_cases")
def test_prepare_min_count(sol):
    vocab, X_train, X_test = sol.pipeline.prepare(["a b a", "b c"], ["c b"], min_count=2)
    expect_equal(vocab, {"a": 0, "b": 1}, what="vocabulary with min_count=2")
    expect_close(X_test, np.array([[0.0, 1.0]]), what="X_test")


# ---------------------------------------------------------------- model.py


@case("correctness", hint="Add alpha to every count before normalising each class's row.")
def test_fit_nb_hand_example(sol):
    model = sol.model.fit_nb(X3, Y3, 2, 1.0)
    expect_close(model["log_prior"], LOG_PRIOR3, rtol=1e-12, what="log priors")
    expect_close(model["log_lik"], LOG_LIK3, rtol=1e-12, what="log P(token | class)")


@case("correctness")
def test_fit_nb_alpha_controls_smoothing(sol):
    model = sol.model.fit_nb(X3, Y3, 2, 0.5)
    want = np.log(np.array([[2.5, 0.5, 1.5], [1.5, 2.5, 0.5]]) / 4.5)
    expect_close(model["log_lik"], want, rtol=1e-12, what="log P(token | class), alpha=0.5")
    three = sol.model.fit_nb(X3, np.array([0, 2, 2]), 3, 1.0)
    expect_close(three["log_lik"][1], np.log(np.full(3, 1.0 / 3.0)), what="an empty class")
    expect_close(three["log_prior"][[0, 2]], LOG_PRIOR3, rtol=1e-12, what="log priors")


@case("correctness", hint="log P(class) + sum of count * log P(token | class).")
def test_joint_log_likelihood_hand_example(sol):
    X = np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 0.0]])
    got = sol.model.joint_log_likelihood(_model3(), X)
    lp, ll = np.log([1 / 3, 2 / 3]), np.log([[3 / 6, 1 / 6, 2 / 6], [2 / 6, 3 / 6, 1 / 6]])
    want = np.array(
        [
            [lp[0] + ll[0, 0] + 2 * ll[0, 2], lp[1] + ll[1, 0] + 2 * ll[1, 2]],
            [lp[0] + 3 * ll[0, 1], lp[1] + 3 * ll[1, 1]],
        ]
    )
    expect_close(got, want, rtol=1e-12, what="joint log-likelihoods")


@case("edge_cases", hint="With no evidence at all, the posterior is the prior.")
def test_document_of_unknown_words_gets_the_prior(sol):
    empty = np.zeros((2, 3))
    expect_equal(sol.model.predict(_model3(), empty).tolist(), [1, 1], what="predictions")
    expect_close(
        sol.model.predict_proba(_model3(), empty),
        np.array([[1 / 3, 2 / 3], [1 / 3, 2 / 3]]),
        rtol=1e-12,
        what="probabilities of empty documents",
    )


@case("correctness")
def test_predict_proba_hand_example(sol):
    model = sol.model.fit_nb(X3, Y3, 2, 1.0)
    X = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    # Document 1: (1/3)(3/6) vs (2/3)(2/6) -> 3/7 vs 4/7. Document 2: (1/3)(2/6) vs (2/3)(1/6).
    want = np.array([[3 / 7, 4 / 7], [0.5, 0.5]])
    expect_close(sol.model.predict_proba(model, X), want, rtol=1e-12, what="P(class | doc)")
    expect_equal(sol.model.predict(model, X[:1]).tolist(), [1], what="prediction")


@case("numerical_stability", hint="Long documents have joint log-likelihoods in the thousands.")
def test_predict_proba_long_document(sol):
    X = np.array([[2710.0, 1000.0, 0.0], [0.0, 4000.0, 3000.0]])
    jll = X @ LOG_LIK3.T + LOG_PRIOR3
    want = np.exp(jll - _logsumexp(jll))
    got = sol.model.predict_proba(_model3(), X)
    expect_close(got, want, rtol=1e-9, atol=1e-12, what="P(class | a very long doc)")


@case("numerical_stability", hint="A token never seen with a class must not give log(0).")
def test_unseen_token_gives_finite_scores(sol):
    X = np.array([[3.0, 0.0], [0.0, 2.0]])  # token 1 is never seen with class 0
    model = sol.model.fit_nb(X, np.array([0, 1]), 2, 1.0)
    jll = sol.model.joint_log_likelihood(model, np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 5.0]]))
    expect(bool(np.all(np.isfinite(jll))), f"joint log-likelihoods are not finite: {jll}")
    expect_equal(
        sol.model.predict(model, np.array([[1.0, 0.0], [0.0, 1.0]])).tolist(), [0, 1], what="preds"
    )


# ---------------------------------------------------------------- evaluate.py and end to end


@case("correctness")
def test_metrics_hand_example(sol):
    y_true, y_pred = np.array([0, 0, 1, 1, 1]), np.array([0, 1, 1, 1, 0])
    expect_close(sol.evaluate.accuracy(y_true, y_pred), 0.6, what="accuracy")
    counts = sol.evaluate.confusion_matrix(y_true, y_pred, 3)
    expect_equal(counts.tolist(), [[1, 1, 0], [1, 2, 0], [0, 0, 0]], what="confusion matrix")


@case("correctness", hint="The test corpus is make_corpus(n_test, seed + 1).")
def test_run_experiment_matches_its_parts(sol):
    train_texts, y_train = sol.data.make_corpus(120, seed=4)
    test_texts, y_test = sol.data.make_corpus(80, seed=5)
    vocab, X_train, X_test = sol.pipeline.prepare(train_texts, test_texts)
    model = sol.model.fit_nb(X_train, y_train, 2, 0.5)
    result = sol.pipeline.run_experiment(n_train=120, n_test=80, alpha=0.5, seed=4)
    expect_equal(result["vocab"], sorted(vocab), what="the vocabulary")
    for split, X, y in (("train", X_train, y_train), ("test", X_test, y_test)):
        acc = np.mean(sol.model.predict(model, X) == y)
        expect_close(result[f"{split}_accuracy"], acc, rtol=1e-12, what=f"{split}_accuracy")


@case("correctness", hint="Check each stage on its own before the whole experiment.")
def test_end_to_end(sol):
    for seed in (1, 2):
        result = sol.pipeline.run_experiment(seed=seed)
        texts, _ = sol.data.make_corpus(300, seed=seed)
        seen = {w for t in texts for w in sol.text.tokenize(t.lower())}
        extra = sorted(set(result["vocab"]) - seen)
        expect(not extra, f"seed {seed}: vocabulary words not in the training texts: {extra[:5]}")
        for split in ("train", "test"):
            acc = result[f"{split}_accuracy"]
            expect(acc >= 0.85, f"seed {seed}: {split} accuracy {acc:.3f} is below 0.85")
