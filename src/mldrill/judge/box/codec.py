"""Data-only wire codec shared by the trusted grader and the sandboxed child.

Frames are a 4-byte big-endian length followed by a msgpack document. Only plain data
crosses: None, bool, int, float, str, bytes, list, tuple, dict, numpy arrays and scalars of
numeric or bool dtype, and opaque handles to objects that stay in the child. The trusted
side decodes with ``decode`` which only ever builds exact built-in or numpy types, so a
lying subclass in the child cannot reach a checker.
"""

from __future__ import annotations

import struct
import sys

import msgpack
import numpy as np

EXT_NDARRAY = 1
EXT_TUPLE = 2
EXT_NPSCALAR = 3
EXT_HANDLE = 4
EXT_TENSOR = 5  # a torch.Tensor: an array payload, rebuilt as a tensor (needs torch)

MAX_FRAME = 256 * 1024 * 1024
_HEADER = struct.Struct(">I")

# dtype.str values allowed across the boundary (both byte orders for multi-byte types).
_KINDS = {"b", "i", "u", "f", "c"}


class CodecError(ValueError):
    """The peer sent something that is not allowed data."""


class Handle:
    """Reference to an object that lives in the child (for example a class instance)."""

    __slots__ = ("id", "type_name")

    def __init__(self, id: int, type_name: str) -> None:
        self.id = id
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<remote {self.type_name} #{self.id}>"


def _allowed_dtype(text: str) -> np.dtype:
    dtype = np.dtype(text)
    if dtype.kind not in _KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise CodecError(f"arrays of dtype {dtype} cannot be transferred (numeric or bool only)")
    return dtype


def _array_payload(arr: np.ndarray) -> bytes:
    # tobytes() is C-ordered for any layout; the shape is taken from the array itself, so a
    # 0-d array stays 0-d (np.ascontiguousarray would make it 1-d).
    return msgpack.packb([arr.dtype.str, list(arr.shape), arr.tobytes()], use_bin_type=True)


def _decode_array(payload: bytes) -> np.ndarray:
    dtype_str, shape, raw = msgpack.unpackb(payload, raw=False)
    if type(dtype_str) is not str or type(shape) is not list or type(raw) is not bytes:
        raise CodecError("malformed array")
    dtype = _allowed_dtype(dtype_str)
    if not all(type(n) is int and n >= 0 for n in shape):
        raise CodecError("malformed array shape")
    count = 1
    for n in shape:
        count *= n
    if count * dtype.itemsize != len(raw):
        raise CodecError("array buffer does not match its shape")
    arr = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if dtype.kind == "b" and arr.size and arr.view(np.uint8).max() > 1:
        raise CodecError("bool array holds values other than 0 and 1")
    return arr


def _decode_scalar(payload: bytes) -> np.generic:
    dtype_str, raw = msgpack.unpackb(payload, raw=False)
    if type(dtype_str) is not str or type(raw) is not bytes:
        raise CodecError("malformed numpy scalar")
    dtype = _allowed_dtype(dtype_str)
    if len(raw) != dtype.itemsize:
        raise CodecError("numpy scalar has the wrong size")
    value = np.frombuffer(raw, dtype=dtype)[0]
    if dtype.kind == "b" and raw not in (b"\x00", b"\x01"):
        raise CodecError("bool scalar other than 0 or 1")
    return value


def _ext_hook(code: int, payload: bytes):
    if code == EXT_NDARRAY:
        return _decode_array(payload)
    if code == EXT_NPSCALAR:
        return _decode_scalar(payload)
    if code == EXT_TUPLE:
        items = decode(payload)
        if type(items) is not list:
            raise CodecError("malformed tuple")
        return tuple(items)
    if code == EXT_TENSOR:
        import torch  # only problems that send tensors get here, and they require torch

        return torch.from_numpy(_decode_array(payload))
    if code == EXT_HANDLE:
        ident, type_name = msgpack.unpackb(payload, raw=False)
        if type(ident) is not int or type(type_name) is not str:
            raise CodecError("malformed handle")
        return Handle(ident, type_name[:200])
    raise CodecError(f"unknown extension type {code}")


def decode(data: bytes):
    """Decode a document into exact built-in types, numpy values and handles."""
    try:
        return msgpack.unpackb(
            data, raw=False, ext_hook=_ext_hook, strict_map_key=False, use_list=True
        )
    except CodecError:
        raise
    except Exception as exc:  # msgpack raises several types on malformed input
        raise CodecError(f"malformed message: {exc}") from None


def encode(obj, to_handle=None) -> bytes:
    """Encode data; objects that are not data become handles via ``to_handle`` if given."""

    def default(value):
        if type(value) is tuple:
            return msgpack.ExtType(EXT_TUPLE, encode(list(value), to_handle))
        if type(value) is np.ndarray and value.dtype.kind in _KINDS and value.dtype.fields is None:
            return msgpack.ExtType(EXT_NDARRAY, _array_payload(value))
        numpy_scalar = isinstance(value, np.generic) and type(value).__module__ == "numpy"
        if numpy_scalar and value.dtype.kind in _KINDS:
            return msgpack.ExtType(EXT_NPSCALAR, msgpack.packb([value.dtype.str, value.tobytes()]))
        torch = sys.modules.get("torch")
        if torch is not None and type(value) is torch.Tensor and not value.is_complex():
            try:
                array = value.detach().cpu().resolve_conj().resolve_neg().numpy()
            except (TypeError, RuntimeError):  # bfloat16 and friends have no numpy dtype
                array = None
            if array is not None and array.dtype.kind in _KINDS:
                return msgpack.ExtType(EXT_TENSOR, _array_payload(array))
        if type(value) is int:  # only reaches here when it does not fit in 64 bits
            raise CodecError("an integer is too large to transfer (limit: 64 bits)")
        if type(value) is Handle:
            return msgpack.ExtType(EXT_HANDLE, msgpack.packb([value.id, value.type_name]))
        if to_handle is not None:
            handle = to_handle(value)
            return msgpack.ExtType(EXT_HANDLE, msgpack.packb([handle.id, handle.type_name]))
        raise CodecError(f"a value of type {type(value).__name__} cannot be transferred")

    try:
        return msgpack.packb(obj, default=default, strict_types=True, use_bin_type=True)
    except OverflowError:
        raise CodecError("an integer is too large to transfer (limit: 64 bits)") from None


def read_frame(read_exact) -> bytes:
    """Read one frame with ``read_exact(n) -> bytes`` (which raises EOFError when closed)."""
    (size,) = _HEADER.unpack(read_exact(4))
    if size > MAX_FRAME:
        raise CodecError(f"frame of {size} bytes is over the limit")
    return read_exact(size)


def socket_reader(sock):
    """Return ``read_exact(n)`` over a stream socket; it raises EOFError when the peer closes."""

    def read_exact(n: int) -> bytearray:
        buf = bytearray(n)
        view = memoryview(buf)
        got = 0
        while got < n:
            count = sock.recv_into(view[got:], n - got)
            if not count:
                raise EOFError
            got += count
        return buf

    return read_exact


def send_frame(sock, payload: bytes) -> None:
    """Send one frame in one system call where it fits, without copying the payload."""
    parts = [memoryview(_HEADER.pack(len(payload))), memoryview(payload)]
    while parts:
        sent = sock.sendmsg(parts)
        while parts and sent >= len(parts[0]):
            sent -= len(parts[0])
            parts.pop(0)
        if parts:
            parts[0] = parts[0][sent:]
