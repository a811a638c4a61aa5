"""From the raw export to model-ready train and test arrays."""

import numpy as np
from data import COLUMNS
from preprocess import MeanImputer, StandardScaler, drop_duplicate_customers
from split import stratified_split

# Columns that must never be used as features.
DROP_COLUMNS = ("customer_id",)


def prepare(X, y, test_frac=0.25, seed=0):
    """Deduplicate, select features, split, then impute and scale with train-only statistics."""
    id_col = COLUMNS.index("customer_id")
    ids = X[:, id_col].astype(np.int64)
    features = [c for c in COLUMNS if c not in DROP_COLUMNS]
    X = X[:, [COLUMNS.index(c) for c in features]]

    train_idx, test_idx = stratified_split(y, test_frac, seed)
    imputer = MeanImputer().fit(X)
    X_train, X_test = imputer.transform(X[train_idx]), imputer.transform(X[test_idx])
    scaler = StandardScaler().fit(X_train)
    return {
        "X_train": scaler.transform(X_train),
        "X_test": scaler.transform(X_test),
        "y_train": y[train_idx],
        "y_test": y[test_idx],
        "train_ids": ids[train_idx],
        "test_ids": ids[test_idx],
        "features": features,
        "imputer": imputer,
        "scaler": scaler,
    }
