"""A synthetic customer-churn export: numeric columns, missing values and duplicated rows."""

import numpy as np

COLUMNS = ["customer_id", "age", "income", "visits", "support_calls", "refund_issued"]


def make_table(n_customers=400, n_duplicates=60, missing_frac=0.1, seed=0):
    """X (rows, len(COLUMNS)) float with nan for missing values, and churn labels y (0/1).

    refund_issued is recorded after a customer has churned. Some customers were exported
    twice: their rows appear again, identical, at random places in the table.
    """
    rng = np.random.default_rng(seed)
    ids = np.arange(1000, 1000 + n_customers)
    age = rng.uniform(18, 75, n_customers)
    income = rng.lognormal(10.5, 0.5, n_customers)
    visits = rng.poisson(6, n_customers).astype(float)
    calls = rng.poisson(1.5, n_customers).astype(float)
    logit = -0.5 + 0.8 * calls - 0.3 * visits + 0.03 * (age - 45)
    y = (rng.random(n_customers) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    refund = np.where(rng.random(n_customers) < 0.95, y, 1 - y).astype(float)
    X = np.column_stack([ids, age, income, visits, calls, refund])
    for col in (1, 2, 3):  # age, income and visits are sometimes missing
        X[rng.random(n_customers) < missing_frac, col] = np.nan
    rows = np.concatenate([np.arange(n_customers), rng.choice(n_customers, n_duplicates)])
    rows = rows[rng.permutation(len(rows))]
    return X[rows], y[rows]
