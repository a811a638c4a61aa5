import msgpack
import numpy as np
import pytest

from mldrill.judge.box import codec


@pytest.mark.parametrize(
    "value",
    [None, True, 0, -(2**63), 2**64 - 1, 1.5, float("inf"), "héllo", b"\x00\xff",
     [1, [2, 3]], (1, (2, "a")), {"a": 1, 2: [3]}, {(1, 2): "tuple key"}],
)  # fmt: skip
def test_plain_data_round_trips(value):
    assert codec.decode(codec.encode(value)) == value


def test_tuples_stay_tuples_and_lists_stay_lists():
    out = codec.decode(codec.encode([(1, 2), [3, 4]]))
    assert type(out[0]) is tuple and type(out[1]) is list


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint16", "int64", "float32", "float64",
                                   "complex128", ">f8"])  # fmt: skip
def test_arrays_round_trip_with_dtype_and_shape(dtype):
    arr = (np.arange(12) % 2).astype(dtype).reshape(3, 4)
    out = codec.decode(codec.encode(arr))
    assert type(out) is np.ndarray and out.dtype == arr.dtype and out.shape == (3, 4)
    assert np.array_equal(out, arr) and out.flags.writeable


def test_zero_dimensional_arrays_keep_their_shape():
    out = codec.decode(codec.encode(np.array(2.5)))
    assert type(out) is np.ndarray and out.shape == () and out == 2.5


def test_non_contiguous_and_empty_arrays():
    arr = np.arange(20.0).reshape(4, 5)[:, ::2]
    assert np.array_equal(codec.decode(codec.encode(arr)), arr)
    empty = np.zeros((0, 3))
    assert codec.decode(codec.encode(empty)).shape == (0, 3)


def test_numpy_scalars_keep_their_type():
    out = codec.decode(codec.encode([np.float32(1.5), np.int64(3), np.bool_(True)]))
    assert [type(v) for v in out] == [np.float32, np.int64, np.bool_]


def test_object_arrays_and_unknown_objects_are_refused_without_a_handle_maker():
    with pytest.raises(codec.CodecError):
        codec.encode(np.array([1, "a"], dtype=object))
    with pytest.raises(codec.CodecError):
        codec.encode(object())


def test_lying_subclasses_become_handles_not_values():
    class LyingInt(int):
        def __eq__(self, other):
            return True

    class LyingArray(np.ndarray):
        def __eq__(self, other):
            return True

    made = []

    def to_handle(obj):
        made.append(obj)
        return codec.Handle(len(made), type(obj).__name__)

    out = codec.decode(codec.encode([LyingInt(3), np.zeros(2).view(LyingArray)], to_handle))
    assert all(type(v) is codec.Handle for v in out)
    assert [h.type_name for h in out] == ["LyingInt", "LyingArray"]


def test_decoder_rejects_forged_arrays():
    bad_dtype = msgpack.ExtType(codec.EXT_NDARRAY, msgpack.packb(["|O", [1], b"x" * 8]))
    short = msgpack.ExtType(codec.EXT_NDARRAY, msgpack.packb(["<f8", [4], b"x" * 8]))
    bad_bool = msgpack.ExtType(codec.EXT_NDARRAY, msgpack.packb(["|b1", [2], b"\x00\x07"]))
    for ext in (bad_dtype, short, bad_bool):
        with pytest.raises(codec.CodecError):
            codec.decode(msgpack.packb(ext))


def test_decoder_rejects_unknown_extensions_and_garbage():
    with pytest.raises(codec.CodecError):
        codec.decode(msgpack.packb(msgpack.ExtType(99, b"")))
    with pytest.raises(codec.CodecError):
        codec.decode(b"\xc1")


def test_integers_beyond_64_bits_are_a_clear_error():
    with pytest.raises(codec.CodecError, match="64 bits"):
        codec.encode(2**70)


def test_frames_carry_their_length_over_a_socket():
    import socket
    import threading

    left, right = socket.socketpair()

    def send():  # a frame larger than the socket buffer needs a reader on the other end
        codec.send_frame(left, b"abc")
        codec.send_frame(left, b"")
        codec.send_frame(left, b"x" * 300_000)
        left.close()

    sender = threading.Thread(target=send)
    sender.start()
    with right:
        read_exact = codec.socket_reader(right)
        assert codec.read_frame(read_exact) == b"abc"
        assert codec.read_frame(read_exact) == b""
        assert codec.read_frame(read_exact) == b"x" * 300_000
        with pytest.raises(EOFError):
            codec.read_frame(read_exact)
    sender.join()
