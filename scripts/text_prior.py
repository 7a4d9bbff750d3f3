"""The text prior's trainer: a logistic regression on the bucketed words of
a block's text, whose log-odds is the block row's `text_prior` column
(src/learned/text_prior.rs computes it at run time from the weights
written here). A module of scripts/train (and scripts/block-proxy).

The buckets are the engine's own (`text_prior_buckets` in `pith extract
--explain --format jsonl`, carried into target/labels as `buckets`): this
module does not tokenize. Counts are normalised to unit length per block,
as the engine does.

Nested out of fold: a block's column never comes from a regression that
saw its label. `Folds.fitted(excluded)` fits on the labelled blocks of
every fold but `excluded` (cached), so a forest validated on fold k learns
from rows whose fold-j blocks carry the prior fitted without k and j, and
fold k's pages are run by the engine with the prior fitted without k.

File layout (little-endian): b"PITHTP01", u32 log2 of the buckets, f32
intercept, f32 scale, then one i16 a bucket (weight = i16 * scale).
"""

import os
import struct
import warnings

import numpy as np
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

BUCKETS_LOG2 = 18
BUCKETS = 1 << BUCKETS_LOG2
MAGIC = b"PITHTP01"
# The regression, as measured by scripts/block-proxy (session 36): SGD on
# the log loss, L2 penalty 1e-5, 15 passes over the blocks, seed 0, the
# forest's block weights.
ALPHA = 1e-5
EPOCHS = 15
SEED = 0


def matrix(bucket_lists):
    """Rows of word counts by bucket, each normalised to unit length (CSR)."""
    indptr = np.zeros(len(bucket_lists) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(b or ()) for b in bucket_lists])
    indices = np.fromiter((i for b in bucket_lists for i in (b or ())), dtype=np.int64, count=int(indptr[-1]))
    m = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(bucket_lists), BUCKETS))
    m.sum_duplicates()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)


class Prior:
    """A fitted regression, quantised as the engine reads it."""

    def __init__(self, intercept, scale, q):
        self.intercept = np.float32(intercept)
        self.scale = np.float32(scale)
        self.q = q.astype(np.int16)

    @classmethod
    def fit(cls, H, y, w):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            m = SGDClassifier(loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None, random_state=SEED)
            m.fit(H, y, sample_weight=w)
        coef = m.coef_.ravel()
        top = float(np.max(np.abs(coef)))
        scale = np.float32(top / 32767.0) if top > 0 else np.float32(1.0)
        q = np.clip(np.rint(coef / float(scale)), -32767, 32767)
        return cls(float(m.intercept_[0]), scale, q)

    def weights(self):
        """The weights as the engine holds them (f32)."""
        return self.q.astype(np.float32) * self.scale

    def values(self, H):
        """The column for the rows of `H` (float32)."""
        return (H @ self.weights().astype(np.float64) + float(self.intercept)).astype(np.float32)

    def write(self, path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "wb") as f:
            f.write(MAGIC + struct.pack("<Iff", BUCKETS_LOG2, float(self.intercept), float(self.scale)))
            f.write(self.q.astype("<i2").tobytes())


class Folds:
    """Regressions fitted on every fold but some, cached: `fitted(set())` is
    the one shipped, `fitted({k})` fold k's, `fitted({k, j})` the one whose
    column fold j's blocks carry when fold k is held out."""

    def __init__(self, H, y, w, fold):
        self.H, self.y, self.w, self.fold = H, y, w, fold
        self.cache = {}

    def fitted(self, excluded):
        key = frozenset(excluded)
        if key not in self.cache:
            rows = (self.y >= 0) & ~np.isin(self.fold, sorted(key))
            self.cache[key] = Prior.fit(self.H[rows], self.y[rows], self.w[rows])
        return self.cache[key]

    def column(self, held_out):
        """Every block's nested out-of-fold column when the folds in
        `held_out` are held out (empty: the shipped model's training rows)."""
        col = np.zeros(len(self.y), dtype=np.float32)
        for j in np.unique(self.fold):
            rows = self.fold == j
            if j in held_out:
                col[rows] = self.fitted(held_out).values(self.H[rows])
            else:
                col[rows] = self.fitted(set(held_out) | {j}).values(self.H[rows])
        return col
