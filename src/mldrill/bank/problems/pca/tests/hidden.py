import numpy as np

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_raises

# Worked by hand: 5 points spread along u = (-0.6, 0.8) with coordinates a and along
# v = (0.8, 0.6) with coordinates b, around the mean (3, -1).
#   a = (2, 0, -2, 0, 0), b = (0, 0, 0, 1, -1): sum a^2 = 8, sum b^2 = 2, a . b = 0,
# so the variances are 8/4 = 2 and 2/4 = 0.5, the ratios 0.8 and 0.2, and the scores are
# (a, b). u's largest entry (0.8) is positive already although its first entry is not.
_A = np.array([2.0, 0.0, -2.0, 0.0, 0.0])
_B = np.array([0.0, 0.0, 0.0, 1.0, -1.0])
_U = np.array([-0.6, 0.8])
_V = np.array([0.8, 0.6])
X_HAND = np.outer(_A, _U) + np.outer(_B, _V) + np.array([3.0, -1.0])


def _orthonormal(rng, n, d):
    Q, _ = np.linalg.qr(rng.normal(size=(n, d)))
    return Q


def _centred_orthonormal(rng, n, d):
    """d orthonormal columns of length n, each orthogonal to the ones vector (mean 0)."""
    M = rng.normal(size=(n, d + 1))
    M[:, 0] = 1.0
    Q, _ = np.linalg.qr(M)
    return Q[:, 1:]


def _normalise_signs(V):
    """Flip each row so that its largest-magnitude entry is positive."""
    idx = np.argmax(np.abs(V), axis=1)
    return V * np.sign(V[np.arange(len(V)), idx])[:, None]


@case("correctness", hint="Centre X, take the SVD, and divide S^2 by n - 1.")
def test_two_dims_by_hand(sol):
    pca = sol.PCA().fit(X_HAND)
    expect_close(attr(pca.mean_), np.array([3.0, -1.0]), rtol=1e-12, what="mean_")
    expect_close(
        attr(pca.explained_variance_), np.array([2.0, 0.5]), rtol=1e-10, what="explained_variance_"
    )
    expect_close(
        attr(pca.explained_variance_ratio_),
        np.array([0.8, 0.2]),
        rtol=1e-10,
        what="explained_variance_ratio_",
    )
    expect_close(
        attr(pca.components_),
        np.array([_U, _V]),
        rtol=1e-10,
        atol=1e-12,
        what="components_ (largest-magnitude entry of each positive)",
    )
    expect_close(pca.transform(X_HAND), np.c_[_A, _B], rtol=1e-10, atol=1e-12, what="transform")
    first = sol.PCA(n_components=1).fit(X_HAND)
    expect_close(
        attr(first.explained_variance_ratio_),
        np.array([0.8]),
        rtol=1e-10,
        what="explained_variance_ratio_ with n_components=1",
    )
    expect_close(
        first.transform(X_HAND),
        _A[:, None],
        rtol=1e-10,
        atol=1e-12,
        what="transform with n_components=1",
    )


@case("correctness", hint="The variances are the eigenvalues of the sample covariance matrix.")
def test_matches_covariance_eigendecomposition(sol, rng):
    X = rng.normal(size=(60, 4)) @ rng.normal(size=(4, 4)) + rng.normal(size=4)
    cov = np.cov(X, rowvar=False)
    eigvals, eigvecs = np.linalg.eigh(cov)
    order = np.argsort(eigvals)[::-1]
    pca = sol.PCA().fit(X)
    expect_close(
        attr(pca.explained_variance_), eigvals[order], rtol=1e-9, what="explained_variance_"
    )
    expect_close(
        attr(pca.explained_variance_ratio_),
        eigvals[order] / eigvals.sum(),
        rtol=1e-9,
        what="explained_variance_ratio_",
    )
    want = _normalise_signs(eigvecs[:, order].T)
    expect_close(attr(pca.components_), want, rtol=1e-7, atol=1e-9, what="components_")


@case("correctness", hint="The ratio divides by the variance of all axes, kept or not.")
def test_ratio_uses_total_variance(sol, rng):
    scales = np.array([3.0, 2.0, 1.0, 0.5])
    X = rng.normal(size=(80, 4)) * scales
    pca = sol.PCA(n_components=2).fit(X)
    Xc = X - X.mean(axis=0)
    total = float(np.sum(Xc**2) / 79)  # the trace of the covariance matrix
    var = attr(pca.explained_variance_)
    expect(var.shape == (2,), f"explained_variance_ should have shape (2,), got {var.shape}")
    expect_close(
        attr(pca.explained_variance_ratio_),
        var / total,
        rtol=1e-10,
        what="explained_variance_ratio_ with 2 of 4 components",
    )
    expect(
        float(attr(pca.explained_variance_ratio_).sum()) < 0.99,
        "two of four comparable axes cannot explain all the variance",
    )


@case("correctness", hint="transform uses the mean and axes from fit; inverse_transform undoes it.")
def test_transform_and_inverse(sol, rng):
    X = rng.normal(size=(30, 3)) * np.array([4.0, 1.0, 0.2]) + np.array([10.0, -5.0, 2.0])
    new = rng.normal(size=(6, 3))
    pca = sol.PCA(n_components=2).fit(X)
    mean = X.mean(axis=0)
    comps = attr(pca.components_)
    expect(comps.shape == (2, 3), f"components_ should have shape (2, 3), got {comps.shape}")
    expect_close(comps @ comps.T, np.eye(2), atol=1e-12, what="components_ @ components_.T")
    Z = pca.transform(new)
    expect_close(Z, (new - mean) @ comps.T, rtol=1e-10, atol=1e-12, what="transform of new data")
    back = pca.inverse_transform(Z)
    expect_close(back, Z @ comps + mean, rtol=1e-10, what="inverse_transform")
    full = sol.PCA().fit(X)
    expect_close(
        full.inverse_transform(full.transform(new)),
        new,
        rtol=1e-10,
        atol=1e-12,
        what="round trip with every component",
    )


@case("correctness", hint="Each component's entry of largest magnitude must be positive.")
def test_sign_convention(sol, rng):
    X = rng.normal(size=(40, 5)) @ rng.normal(size=(5, 5))
    comps = attr(sol.PCA().fit(X).components_)
    idx = np.argmax(np.abs(comps), axis=1)
    lead = comps[np.arange(5), idx]
    expect(bool(np.all(lead > 0)), f"largest-magnitude entries should be positive, got {lead}")
    expect_close(comps, _normalise_signs(comps), what="components_ sign convention")


@case(
    "edge_cases", hint="n_components must be in [1, min(n, d)]; fewer than 2 samples is an error."
)
def test_bad_arguments_raise(sol):
    X = np.arange(12.0).reshape(4, 3) ** 2
    expect_raises("ValueError", sol.PCA(n_components=0).fit, X)
    expect_raises("ValueError", sol.PCA(n_components=4).fit, X)
    expect_raises("ValueError", sol.PCA().fit, X[:1])
    pca = sol.PCA(n_components=3).fit(X)
    expect(attr(pca.components_).shape == (3, 3), "n_components = min(n, d) must be allowed")


@case("edge_cases", hint="With d > n there are at most n axes: n_components defaults to min(n, d).")
def test_more_features_than_samples(sol, rng):
    X = rng.normal(size=(4, 10))
    pca = sol.PCA().fit(X)
    comps = attr(pca.components_)
    expect(comps.shape == (4, 10), f"default components_ should be (4, 10), got {comps.shape}")
    Xc = X - X.mean(axis=0)
    gram = np.linalg.eigvalsh(Xc @ Xc.T)[::-1] / 3  # the same nonzero variances
    expect_close(
        attr(pca.explained_variance_)[:3],
        gram[:3],
        rtol=1e-9,
        what="explained_variance_ (first 3; the 4th is 0)",
    )
    expect_close(attr(pca.explained_variance_)[3], 0.0, atol=1e-12, what="the 4th variance")
    expect_close(
        float(attr(pca.explained_variance_ratio_).sum()),
        1.0,
        rtol=1e-12,
        what="sum of ratios with every component kept",
    )


@case(
    "edge_cases",
    hint="If every row is equal, the total variance is 0: report ratios of 0, not nan.",
)
def test_constant_data(sol):
    X = np.tile(np.array([1.5, -2.0, 4.0]), (5, 1))
    pca = sol.PCA(n_components=2).fit(X)
    expect_close(attr(pca.explained_variance_), np.zeros(2), atol=1e-20, what="variance")
    expect_close(attr(pca.explained_variance_ratio_), np.zeros(2), what="ratio (0, not 0/0)")
    expect_close(pca.transform(X), np.zeros((5, 2)), atol=1e-12, what="transform")
    every = sol.PCA().fit(X)
    expect_close(
        attr(every.explained_variance_ratio_),
        np.zeros(3),
        what="ratio with the default n_components = min(5, 3)",
    )


@case("edge_cases", hint="Two samples are enough: they define one axis through both points.")
def test_two_samples(sol):
    X = np.array([[1.0, 2.0, 2.0], [3.0, 6.0, 6.0]])
    pca = sol.PCA(n_components=1).fit(X)
    # The difference (2, 4, 4) has length 6; each point is 3 from the mean, variance 18 / 1.
    expect_close(
        attr(pca.components_),
        np.array([[1 / 3, 2 / 3, 2 / 3]]),
        rtol=1e-10,
        what="components_ from two samples",
    )
    expect_close(attr(pca.explained_variance_), np.array([18.0]), rtol=1e-10, what="variance")
    expect_close(attr(pca.explained_variance_ratio_), np.array([1.0]), rtol=1e-10, what="ratio")
    expect_close(pca.transform(X), np.array([[-3.0], [3.0]]), rtol=1e-10, what="transform")


@case("edge_cases", hint="Integer input must give the same floats as float input.")
def test_integer_input(sol):
    X = np.array([[2, 0], [0, 0], [-2, 0], [0, 1], [0, -1]])
    pca = sol.PCA().fit(X)
    expect_close(attr(pca.explained_variance_), np.array([2.0, 0.5]), rtol=1e-10, what="variance")
    expect_close(attr(pca.components_), np.eye(2), atol=1e-12, what="components_")
    expect_close(
        pca.transform(np.array([[1, 1]])),
        np.array([[1.0, 1.0]]),
        rtol=1e-10,
        what="transform of [[1, 1]]",
    )


@case(
    "numerical_stability", hint="Do not form the covariance: its eigenvalues lose tiny variances."
)
def test_tiny_variance_direction(sol, rng):
    n = 20
    Q = _orthonormal(rng, 3, 3)  # three orthonormal axes in feature space
    scores = _centred_orthonormal(rng, n, 3)
    scales = np.array([3.0, 1e-4, 1e-8])
    X = (scores * scales) @ Q.T + np.array([0.5, -0.25, 1.0])
    # The centred data is exactly scores diag(scales) Q.T: variances scales^2 / (n - 1).
    pca = sol.PCA().fit(X)
    expect_close(
        attr(pca.explained_variance_),
        scales**2 / (n - 1),
        rtol=1e-5,
        atol=0.0,
        what="explained_variance_ spanning 16 orders of magnitude",
    )
    expect_close(
        attr(pca.components_), _normalise_signs(Q.T), rtol=1e-6, atol=1e-9, what="components_"
    )


@case("numerical_stability", hint="Subtract the column means before the SVD.")
def test_far_from_origin(sol, rng):
    Z = rng.normal(size=(50, 2)) * np.array([2.0, 0.5])
    R = np.array([[0.6, 0.8], [-0.8, 0.6]])
    X = Z @ R + 1e8
    Zc = Z - Z.mean(axis=0)
    pca = sol.PCA().fit(X)
    want = np.linalg.svd(Zc @ R, compute_uv=False) ** 2 / 49
    expect_close(attr(pca.explained_variance_), want, rtol=1e-6, what="variance of data near 1e8")
