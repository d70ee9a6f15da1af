#!/usr/bin/env python3
"""Writes Paddle models through Paddle's own save APIs, for pd's tests.

  paddle_models.py CASE OUTDIR [CASE OUTDIR ...]

Each case writes its files into OUTDIR (the model, and for the cases that
run, `input_<i>.npy` and `expected_<i>.npy`: inputs and the outputs Paddle
itself computes for them, the oracle pd's exports are compared with). Run
with FLAGS_enable_pir_api=0, so Paddle 3 writes the ProgramDesc format.
"""
import os
import sys

import numpy as np
import paddle
from paddle.static import InputSpec

SEED = 20261122


def save_io(out, inputs, outputs):
    for i, x in enumerate(inputs):
        np.save(os.path.join(out, f"input_{i}.npy"), x)
    for i, y in enumerate(outputs):
        np.save(os.path.join(out, f"expected_{i}.npy"), np.asarray(y))


class LinearNet(paddle.nn.Layer):
    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(784, 10)

    @paddle.jit.to_static(input_spec=[InputSpec([None, 784], "float32", "x")],
                          full_graph=True)
    def forward(self, x):
        return self.fc(x)


class SmallCNN(paddle.nn.Layer):
    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 8, 3, padding=1)
        self.bn = paddle.nn.BatchNorm2D(8)
        self.pool = paddle.nn.MaxPool2D(2)
        self.fc = paddle.nn.Linear(8 * 4 * 4, 5)

    def forward(self, x):
        x = self.pool(paddle.nn.functional.relu(self.bn(self.conv(x))))
        return self.fc(paddle.flatten(x, 1))


class MLP(paddle.nn.Layer):
    def __init__(self):
        super().__init__()
        self.fc1 = paddle.nn.Linear(16, 32)
        self.fc2 = paddle.nn.Linear(32, 4)

    def forward(self, x):
        # (Paddle 3.3's tanh has no legacy-program path; relu has.)
        return paddle.nn.functional.softmax(self.fc2(paddle.nn.functional.relu(self.fc1(x))))


def jit_linear(out):
    """paddle.jit.save of a @to_static layer with InputSpec([None, 784])."""
    net = LinearNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"))
    paddle.save(net.state_dict(), os.path.join(out, "state.pdparams"))
    x = np.random.rand(4, 784).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


def jit_function(out):
    """paddle.jit.save of a plain function."""
    def fn(x):
        # (Paddle 3.3 activations such as tanh and sigmoid have no legacy-
        # program path; relu and scale have.)
        return paddle.nn.functional.relu(x) * 2.0 + 1.0

    static_fn = paddle.jit.to_static(fn, input_spec=[InputSpec([None, 8], "float32", "x")],
                                     full_graph=True)
    paddle.jit.save(static_fn, os.path.join(out, "model"))
    x = np.random.randn(3, 8).astype("float32")
    save_io(out, [x], [fn(paddle.to_tensor(x))])


def jit_dygraph_spec(out):
    """paddle.jit.save of an undecorated layer, given InputSpecs."""
    net = SmallCNN()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, 8, 8], "float32", "image")])
    x = np.random.rand(2, 3, 8, 8).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


def jit_example_tensor(out):
    """paddle.jit.save of a layer, given an example tensor as input_spec."""
    net = MLP()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"), input_spec=[paddle.randn([2, 16])])
    x = np.random.randn(2, 16).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


def save_inference_model(out):
    """paddle.static.save_inference_model of a static program."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 13], "float32")
        hidden = paddle.static.nn.fc(x, 8, activation="relu")
        y = paddle.static.nn.fc(hidden, 1)
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    paddle.static.save_inference_model(os.path.join(out, "model"), [x], [y], exe,
                                       program=main)
    xs = np.random.rand(5, 13).astype("float32")
    (ys,) = exe.run(main, feed={"x": xs}, fetch_list=[y])
    save_io(out, [xs], [ys])


def static_network():
    """fc(13->8, relu) -> fc(8->1) with a square-error loss, in a program."""
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 13], "float32")
        label = paddle.static.data("label", [None, 1], "float32")
        hidden = paddle.static.nn.fc(x, 8, activation="relu")
        y = paddle.static.nn.fc(hidden, 1)
        loss = paddle.nn.functional.square_error_cost(y, label).mean()
    return main, startup, x, y, loss


def static_training(out):
    """paddle.static.save of the full training program (backward, Adam) after
    minimize; save_inference_model of the same network alongside; and
    paddle.save of the program with its state_dict."""
    paddle.enable_static()
    main, startup, x, y, loss = static_network()
    with paddle.static.program_guard(main, startup):
        paddle.optimizer.Adam(learning_rate=0.01).minimize(loss)
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    xs = np.random.rand(6, 13).astype("float32")
    labels = np.random.rand(6, 1).astype("float32")
    exe.run(main, feed={"x": xs, "label": labels}, fetch_list=[loss])  # one step
    paddle.static.save(main, os.path.join(out, "train"))
    paddle.save(main, os.path.join(out, "program.pdmodel"))
    paddle.save(main.state_dict(), os.path.join(out, "program.pdparams"))
    paddle.static.save_inference_model(os.path.join(out, "infer"), [x], [y], exe,
                                       program=main)
    test_program = main.clone(for_test=True)
    (ys,) = exe.run(test_program, feed={"x": xs, "label": labels}, fetch_list=[y])
    save_io(out, [xs], [ys])


class LossNet(paddle.nn.Layer):
    """The forward that computes a loss when it is given a label."""

    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(16, 5)

    def forward(self, x, label=None):
        logits = self.fc(x)
        if label is not None:
            return paddle.nn.functional.cross_entropy(logits, label)
        return logits


def jit_loss(out):
    """paddle.jit.save of LossNet with a label InputSpec: the saved program
    computes the loss."""
    net = LossNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 16], "float32", "x"),
                                InputSpec([None, 1], "int64", "label")])
    x = np.random.randn(3, 16).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


def model_save(out):
    """paddle.Model.save(path) (training: .pdparams + .pdopt) and
    Model.save(path, False) (inference: .pdmodel + .pdiparams)."""
    net = MLP()
    model = paddle.Model(net, inputs=[InputSpec([None, 16], "float32", "x")])
    model.prepare(paddle.optimizer.SGD(parameters=net.parameters()),
                  paddle.nn.CrossEntropyLoss())
    model.save(os.path.join(out, "train"))
    model.save(os.path.join(out, "infer"), training=False)
    net.eval()
    x = np.random.randn(2, 16).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


class TwoMethods(paddle.nn.Layer):
    """A layer with two @to_static methods: jit.save writes five files."""

    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(784, 10)
        self.head = paddle.nn.Linear(10, 2)

    @paddle.jit.to_static(input_spec=[InputSpec([None, 784], "float32", "x")],
                          full_graph=True)
    def forward(self, x):
        return self.fc(x)

    @paddle.jit.to_static(input_spec=[InputSpec([None, 784], "float32", "x")],
                          full_graph=True)
    def another_forward(self, x):
        return self.head(paddle.nn.functional.relu(self.fc(x)))


def jit_two_methods(out):
    net = TwoMethods()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"))
    x = np.random.rand(3, 784).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])
    os.makedirs(os.path.join(out, "another"), exist_ok=True)
    save_io(os.path.join(out, "another"), [x],
            [net.another_forward(paddle.to_tensor(x))])


def jit_load_finetune(out):
    """paddle.jit.save of a layer that paddle.jit.load loaded (a second
    time, so its variables were renamed) and that was fine-tuned."""
    jit_linear(os.path.join(out, "original"))
    paddle.jit.load(os.path.join(out, "original", "model"))
    layer = paddle.jit.load(os.path.join(out, "original", "model"))
    layer.train()
    opt = paddle.optimizer.SGD(learning_rate=0.1, parameters=layer.parameters())
    loss = layer(paddle.rand([8, 784])).mean()
    loss.backward()
    opt.step()
    layer.eval()
    paddle.jit.save(layer, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 784], "float32", "x")])
    x = np.random.rand(4, 784).astype("float32")
    save_io(out, [x], [layer(paddle.to_tensor(x))])


def jit_transformer(out):
    """A transformer encoder layer (d=32, 4 heads, seq 8)."""
    net = paddle.nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0)
    net.eval()
    static = paddle.jit.to_static(
        net, input_spec=[InputSpec([None, 8, 32], "float32", "x")], full_graph=True)
    paddle.jit.save(static, os.path.join(out, "model"))
    x = np.random.randn(2, 8, 32).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


class ControlFlow(paddle.nn.Layer):
    """An `if` on a tensor and a `while` loop."""

    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(4, 4)

    def forward(self, x):
        y = self.fc(x)
        if paddle.mean(y) > 0:
            y = y * 2.0
        else:
            y = y - 1.0
        i = paddle.zeros([1], "int64")
        while i < 3:
            y = y + 1.0
            i = i + 1
        return y


def jit_control_flow(out):
    net = ControlFlow()
    net.eval()
    static = paddle.jit.to_static(
        net, input_spec=[InputSpec([None, 4], "float32", "x")], full_graph=True)
    paddle.jit.save(static, os.path.join(out, "model"))
    x = np.random.randn(3, 4).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


class Tagger(paddle.nn.Layer):
    """An LSTM with dropout: Paddle saves its `rnn` op's dropout state as a
    persistable variable that an op writes (ProgramDesc) or as a parameter
    it does not save (PIR), and PIR writes absent optional inputs as null."""

    def __init__(self):
        super().__init__()
        self.lstm = paddle.nn.LSTM(8, 16)
        self.drop = paddle.nn.Dropout(0.1)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.drop(y)


def jit_lstm(out):
    net = Tagger()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 5, 8], "float32", "x")])
    x = np.random.randn(2, 5, 8).astype("float32")
    save_io(out, [x], [net(paddle.to_tensor(x))])


def static_lstm(out):
    """save_inference_model of an LSTM in a static program, then the file as
    Paddle 2.x wrote it: the `rnn` op's DropoutState output is a persistable
    variable with a record of its own in the parameter file (Paddle 3.3
    declares it non-persistable)."""
    import struct
    from paddle.base.proto import framework_pb2
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 5, 8], "float32")
        y, _ = paddle.nn.LSTM(8, 16)(x)
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    prefix = os.path.join(out, "model")
    paddle.static.save_inference_model(prefix, [x], [y], exe, program=main)
    xs = np.random.randn(2, 5, 8).astype("float32")
    (ys,) = exe.run(main, feed={"x": xs}, fetch_list=[y])
    save_io(out, [xs], [ys])

    program = framework_pb2.ProgramDesc()
    program.ParseFromString(open(prefix + ".pdmodel", "rb").read())
    (state,) = [v for v in program.blocks[0].vars if "dropout_state" in v.name]
    state.persistable = True
    records = {}  # the parameter file's records, by name, then this one
    data = open(prefix + ".pdiparams", "rb").read()
    names = sorted(v.name for v in program.blocks[0].vars
                   if v.persistable and v.name not in ("feed", "fetch"))
    desc = bytes([0x08, 20])  # TensorDesc {data_type: UINT8}, a 0-D tensor
    records[state.name] = (struct.pack("<IQIi", 0, 0, 0, len(desc)) + desc +
                           b"\x00")
    offset = 0
    for name in names:
        if name == state.name:
            continue
        start = offset
        offset += 4 + 8 + 4
        (size,) = struct.unpack_from("<i", data, offset)
        desc_bytes = data[offset + 4:offset + 4 + size]
        offset += 4 + size
        t = framework_pb2.VarType.TensorDesc()
        t.ParseFromString(desc_bytes)
        numel = int(np.prod(t.dims)) if len(t.dims) else 1
        offset += numel * 4
        records[name] = data[start:offset]
    assert offset == len(data)
    os.makedirs(os.path.join(out, "v2"), exist_ok=True)
    with open(os.path.join(out, "v2", "model.pdmodel"), "wb") as f:
        f.write(program.SerializeToString())
    with open(os.path.join(out, "v2", "model.pdiparams"), "wb") as f:
        f.write(b"".join(records[n] for n in names))


def state_dicts(out):
    """paddle.save of a Layer's and an optimizer's state_dict, and of a
    nested checkpoint dict."""
    net = MLP()
    opt = paddle.optimizer.Adam(parameters=net.parameters())
    loss = net(paddle.randn([4, 16])).mean()
    loss.backward()
    opt.step()
    paddle.save(net.state_dict(), os.path.join(out, "layer.pdparams"))
    paddle.save(opt.state_dict(), os.path.join(out, "adam.pdopt"))
    paddle.save({"epoch": 3, "loss": loss, "model": net.state_dict()},
                os.path.join(out, "checkpoint.pdparams"))
    paddle.save(net.state_dict(), os.path.join(out, "layer_proto2.pdparams"), protocol=2)


class AnySizeConvNet(paddle.nn.Layer):
    """The compiled CPU path's convolution kernels in one net: a 3x3 conv
    with batch norm (folded), a 3x3 stride-1 conv with 16 channels on both
    sides (Winograd) and a residual add, a depthwise 3x3 at stride 2 with
    relu6, a 1x1 conv (the GEMM), max pooling and a global average."""

    def __init__(self):
        super().__init__()
        nn = paddle.nn
        self.stem = nn.Sequential(nn.Conv2D(3, 16, 3, padding=1), nn.BatchNorm2D(16), nn.ReLU())
        self.body = nn.Sequential(nn.Conv2D(16, 16, 3, padding=1), nn.BatchNorm2D(16))
        self.dw = nn.Sequential(nn.Conv2D(16, 16, 3, stride=2, padding=1, groups=16),
                                nn.BatchNorm2D(16), nn.ReLU6())
        self.pw = nn.Sequential(nn.Conv2D(16, 24, 1), nn.BatchNorm2D(24), nn.ReLU())
        self.pool = nn.MaxPool2D(2)
        self.head = nn.Linear(24, 10)

    def forward(self, x):
        x = self.stem(x)
        x = paddle.nn.functional.relu(x + self.body(x))
        x = self.pool(self.pw(self.dw(x)))
        x = paddle.mean(x, axis=[2, 3])
        return self.head(x)


def jit_conv_any_size(out):
    """A conv net with InputSpec([None, 3, None, None]): any batch, any
    height and width."""
    net = AnySizeConvNet()
    # Batch statistics that are not the identity, so that folding shows.
    for m in net.sublayers():
        if isinstance(m, paddle.nn.BatchNorm2D):
            m._mean.set_value(paddle.rand(m._mean.shape) * 0.2)
            m._variance.set_value(paddle.rand(m._variance.shape) + 0.5)
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x")])


class DepthwiseFirstNet(paddle.nn.Layer):
    """A depthwise conv first (it reads the NCHW input itself), 24 channels
    (a group of 16 and one of 8), then a 1x1 conv that ends the region (it
    writes NCHW itself): the output is the feature map."""

    def __init__(self, stride):
        super().__init__()
        nn = paddle.nn
        self.dw = nn.Conv2D(24, 24, 3, stride=stride, padding=1, groups=24)
        self.pw = nn.Conv2D(24, 20, 1)

    def forward(self, x):
        return self.pw(paddle.nn.functional.relu6(self.dw(x)))


def jit_depthwise_first(out):
    """DepthwiseFirstNet at stride 1 and 2, InputSpec [None, 24, None, None]."""
    for stride in (1, 2):
        net = DepthwiseFirstNet(stride)
        net.eval()
        paddle.jit.save(net, os.path.join(out, f"s{stride}"),
                        input_spec=[InputSpec([None, 24, None, None], "float32", "x")])


class DataMovementNet(paddle.nn.Layer):
    """concat, slice and shape on feature maps of any size: two conv
    branches joined along channels, windows cut with negative bounds and a
    dropped axis, and the input's dims (as floats, to be an output)."""

    def __init__(self):
        super().__init__()
        nn = paddle.nn
        self.a = nn.Conv2D(8, 6, 1)
        self.b = nn.Conv2D(8, 10, 3, padding=1)

    def forward(self, x):
        y = paddle.concat([paddle.nn.functional.relu(self.a(x)), self.b(x)], axis=1)
        z = y[:, 2:-3, 1:, :-1]          # slice: starts 2, 1; ends -3, -1
        first = z[:, 0]                  # slice with decrease_axis
        joined = paddle.concat([first, z[:, -1], y[:, 0, :-1, 1:]], axis=-1)
        dims = paddle.cast(paddle.shape(x), "float32")
        return joined, dims


def jit_data_movement(out):
    """DataMovementNet with InputSpec [None, 8, None, None]."""
    net = DataMovementNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 8, None, None], "float32", "x")])


class LegacyTwinsNet(paddle.nn.Layer):
    """fluid ops that Paddle2ONNX maps and no 2.x API writes, appended to
    the program: brelu (bounds -1 and 2.5), share_data, mean (of every
    element), top_k (v1, k 3) and lookup_table (v1: ids [.., 1], padding
    row 2) of ids made from x."""

    def __init__(self):
        super().__init__()
        self.table = self.create_parameter([10, 4])

    def forward(self, x):
        b = append_legacy_op("brelu", {"X": x * 4.0}, {"t_min": -1.0, "t_max": 2.5},
                             x.dtype)
        shared = append_legacy_op("share_data", {"X": b}, {}, x.dtype)
        mean = append_legacy_op("mean", {"X": x}, {}, x.dtype)
        values = append_legacy_op("top_k", {"X": x}, {"k": 3}, x.dtype,
                                  ("Out", "Indices"))
        ids = paddle.cast(paddle.clip(x * x * 3.0, 0.0, 9.0), "int64")
        rows = append_legacy_op("lookup_table", {"W": self.table, "Ids": ids.unsqueeze(-1)},
                                {"padding_idx": 2}, x.dtype)
        return shared * 2.0, mean + 0.0, values * 1.0, rows * 1.0


class FluidExtrasNet(paddle.nn.Layer):
    """fluid ops that Paddle2ONNX maps, appended to the program:
    affine_channel (NCHW, and NHWC on the transposed input), norm (L2 along
    the channels), partial_sum (columns [1, 4)) and
    partial_concat (the last four columns)."""

    def __init__(self):
        super().__init__()
        uniform = paddle.nn.initializer.Uniform
        self.scale = self.create_parameter([4], default_initializer=uniform(0.5, 1.5))
        self.bias = self.create_parameter([4], default_initializer=uniform(-1.0, 1.0))

    def forward(self, x, a, b):
        params = {"Scale": self.scale, "Bias": self.bias}
        nchw = append_legacy_op("affine_channel", dict(X=x, **params),
                                {"data_layout": "NCHW"}, x.dtype)
        nhwc = append_legacy_op("affine_channel",
                                dict(X=paddle.transpose(x, [0, 2, 3, 1]), **params),
                                {"data_layout": "NHWC"}, x.dtype)
        # Paddle's saved program drops Norm (an intermediate output).
        out = append_legacy_op("norm", {"X": x}, {"axis": 1, "epsilon": 1e-10},
                               x.dtype, ("Out", "Norm"))
        psum = append_legacy_op("partial_sum", {"X": [a, b]},
                                {"start_index": 1, "length": 3}, a.dtype)
        pcat = append_legacy_op("partial_concat", {"X": [a, b]},
                                {"start_index": -4, "length": -1}, a.dtype)
        return nchw * 1.0, nhwc * 1.0, out * 1.0, psum * 1.0, pcat * 1.0


def jit_fluid_extras(out):
    """FluidExtrasNet with x [None, 4, None, None], a and b [None, 6]
    (ProgramDesc only)."""
    net = FluidExtrasNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 4, None, None], "float32", "x"),
                                InputSpec([None, 6], "float32", "a"),
                                InputSpec([None, 6], "float32", "b")])


class FluidExtrasPirNet(FluidExtrasNet):
    """FluidExtrasNet's affine_channel and norm as Paddle 3's PIR writes
    them (pd_op.affine_channel, pd_op.norm with is_test: its Norm output
    unset, declared 0-D); Paddle's PIR Python API has no partial_sum or
    partial_concat."""

    def forward(self, x):
        ops = paddle._pir_ops
        nchw = ops.affine_channel(x, self.scale, self.bias, "NCHW")
        nhwc = ops.affine_channel(paddle.transpose(x, [0, 2, 3, 1]), self.scale,
                                  self.bias, "NHWC")
        out, _ = ops.norm(x, 1, 1e-10, True)
        return nchw * 1.0, nhwc * 1.0, out * 1.0


def pir_fluid_extras(out):
    """FluidExtrasPirNet with x [None, 4, None, None] (run with
    FLAGS_enable_pir_api=1)."""
    net = FluidExtrasPirNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 4, None, None], "float32", "x")])


class FluidResizeNet(paddle.nn.Layer):
    """fluid 1.x's v1 interpolation ops (one float `scale`), appended to the
    program: nearest at scale 2, nearest with align_corners at scale 1.5,
    bilinear to a fixed size with align_corners, and bilinear half-pixel
    (align_mode 0) to twice the input's own size given as OutSize."""

    def forward(self, x):
        def interp(type, inputs, **attrs):
            base = {"data_layout": "NCHW", "out_d": -1, "out_h": -1, "out_w": -1,
                    "scale": 0.0, "interp_method": type.split("_")[0],
                    "align_corners": False, "align_mode": 1}
            base.update(attrs)
            return append_legacy_op(type, dict(X=x, **inputs), base, x.dtype)
        size = paddle.cast(paddle.shape(x)[2:] * 2, "int32")
        return (interp("nearest_interp", {}, scale=2.0) * 1.0,
                interp("nearest_interp", {}, scale=1.5, align_corners=True) * 1.0,
                interp("bilinear_interp", {}, out_h=7, out_w=5, align_corners=True) * 1.0,
                interp("bilinear_interp", {"OutSize": size}, align_mode=0) * 1.0)


def jit_fluid_resize(out):
    """FluidResizeNet with x [None, 3, None, None] (ProgramDesc only)."""
    net = FluidResizeNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x")])


class SetValueNet(paddle.nn.Layer):
    """Assignments to windows of a tensor, which dy2static writes as
    set_value (ProgramDesc) or set_value_ / set_value_with_tensor_ (PIR): a
    scalar into a column (a decreased axis), a tensor into every second
    column of a range (step 2), a 0-D tensor at [0, ..., -1] (two decreased
    axes), a scalar through a None index (none_axes), and a [N, 1, 1]
    tensor broadcast into a window whose end lies past the dim and whose
    start counts from the end."""

    def forward(self, x, v):
        y = x * 1.0
        y[:, 1] = 2.5
        y[:, :, 1:4:2] = v
        z = x * 2.0
        z[0, ..., -1] = paddle.to_tensor(3.0)
        w = x + 0.0
        w[:, None, 0] = -1.0
        u = x - 1.0
        u[:, -2:10, 2:] = v[:, :1, :1]
        return y, z, w, u


def jit_set_value(out):
    """SetValueNet with x [None, 3, 6] and v [None, 3, 2]."""
    net = SetValueNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, 6], "float32", "x"),
                                InputSpec([None, 3, 2], "float32", "v")])


class SetValueDownNet(paddle.nn.Layer):
    """Assignments to windows walked downwards (set_value with negative
    steps): a tensor into rows and columns both reversed (its first element
    lands at the window's last index), a scalar whose end lies below -dim
    (the two Paddles bound it differently), and a tensor broadcast along a
    whole reversed axis."""

    def forward(self, x, v):
        t = x + 1.0
        t[:, ::-1, 4:0:-2] = v
        s = x * 3.0
        s[:, -1:-9:-2, ::-3] = 7.0
        r = x - 2.0
        r[::-1, :, 5:-7:-1] = v[:, :1, :1] * 2.0
        return t, s, r


def jit_set_value_down(out):
    """SetValueDownNet with x [None, 3, 6] and v [None, 3, 2]."""
    net = SetValueDownNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, 6], "float32", "x"),
                                InputSpec([None, 3, 2], "float32", "v")])


class ScatterNet(paddle.nn.Layer):
    """Ordered writes by index tensors: paddle.scatter replacing rows (ids
    3, 1, 3, -1: the last of the repeated id wins, -1 is the last row) and
    accumulating them (overwrite=False: the rows zeroed, then summed), and
    paddle.scatter_nd_add at (row, column) and at row coordinates, both
    repeated. The ids are program constants (assign_value of int64)."""

    def forward(self, x, upd, points, rows):
        ids = paddle.to_tensor([3, 1, 3, -1], dtype="int64")
        cells = paddle.to_tensor([[1, 2], [0, 0], [1, 2]], dtype="int64")
        picks = paddle.to_tensor([[2], [0], [2]], dtype="int64")
        return (paddle.scatter(x, ids, upd, overwrite=True),
                paddle.scatter(x, ids, upd, overwrite=False),
                paddle.scatter_nd_add(x, cells, points),
                paddle.scatter_nd_add(x, picks, rows))


def jit_scatter(out):
    """ScatterNet with x [None, 6] (at least 4 rows), upd [4, 6], points
    [3] and rows [3, 6]."""
    net = ScatterNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 6], "float32", "x"),
                                InputSpec([4, 6], "float32", "upd"),
                                InputSpec([3], "float32", "points"),
                                InputSpec([3, 6], "float32", "rows")])


class PoolWithIndexNet(paddle.nn.Layer):
    """Max pooling that returns the positions of the maxima (what
    max_unpool2d takes; Paddle writes max_pool2d_with_index): k3 s2 with
    padding 1, k2 s2 in ceil mode, and adaptive to 3 x 2; the input cut
    to tenths so that windows hold equal maxima (the first wins)."""

    def forward(self, x):
        F = paddle.nn.functional
        x = paddle.cast(paddle.cast(x * 10.0, "int32"), "float32") / 10.0
        a, ia = F.max_pool2d(x, 3, stride=2, padding=1, return_mask=True)
        b, ib = F.max_pool2d(x, 2, stride=2, ceil_mode=True, return_mask=True)
        c, ic = F.adaptive_max_pool2d(x, [3, 2], return_mask=True)
        return a, ia, b, ib, c, ic


def jit_pool_with_index(out):
    """PoolWithIndexNet with x [None, 3, None, None]."""
    net = PoolWithIndexNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x")])


class VolumeNet(paddle.nn.Layer):
    """Video and volume layers (conv3d, pool3d): a strided conv3d with a
    bias and BatchNorm3D, max pooling in ceil mode, a grouped and dilated
    conv3d with (before, after) paddings, exclusive average pooling with
    padding, and adaptive average and max pooling to sizes that do not
    divide the input."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv3D(3, 4, 3, stride=(1, 2, 2), padding=1)
        self.norm = paddle.nn.BatchNorm3D(4)
        self.grouped = paddle.nn.Conv3D(4, 6, (2, 3, 3), groups=2,
                                        dilation=(1, 2, 1),
                                        padding=[1, 0, 2, 1, 0, 1])
        for p in self.norm.parameters():
            p.set_value(paddle.rand(p.shape) + 0.5)

    def forward(self, x):
        F = paddle.nn.functional
        y = F.relu(self.norm(self.conv(x)))
        y = F.max_pool3d(y, 2, stride=2, ceil_mode=True)
        y = self.grouped(y)
        top, where = F.adaptive_max_pool3d(y, [1, 3, 2], return_mask=True)
        return (F.avg_pool3d(y, 3, stride=1, padding=1),
                F.adaptive_avg_pool3d(y, [2, 2, 3]), top, where)


def jit_volumes(out):
    """VolumeNet with x [None, 3, 5, 9, 11]."""
    net = VolumeNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, 5, 9, 11], "float32", "x")])


class EinsumNet(paddle.nn.Layer):
    """Einstein sums: a batched product, attention scores, a diagonal, an
    outer product, a product through an ellipsis with a weight, and a
    reduction to one dim."""

    def __init__(self):
        super().__init__()
        self.weight = self.create_parameter([4, 5])

    def forward(self, x, y, z, q):
        return (paddle.einsum("bij,bjk->bik", x, y),
                paddle.einsum("bhqd,bhkd->bhqk", q, q * 0.5),
                paddle.einsum("bii->bi", z),
                paddle.einsum("bi,bj->bij", x[:, 0], y[:, 1]),
                paddle.einsum("...j,jk->...k", x, self.weight),
                paddle.einsum("bij->j", x))


def jit_einsum(out):
    """EinsumNet with x [None, 3, 4], y [None, 4, 5], z [None, 3, 3] and
    q [None, 2, 6, 8]."""
    net = EinsumNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, 4], "float32", "x"),
                                InputSpec([None, 4, 5], "float32", "y"),
                                InputSpec([None, 3, 3], "float32", "z"),
                                InputSpec([None, 2, 6, 8], "float32", "q")])


class CrossEntropyNet(paddle.nn.Layer):
    """softmax_with_cross_entropy (a loss a training program fetches): hard
    labels with an ignored class, on logits spread so that x - max falls
    below -64 (Paddle clips it there before exp); hard labels along axis 1
    of [N, 4, 5]; soft labels with the softmax returned too; and
    probabilities taken as they are (use_softmax=False)."""

    def forward(self, x, label, y, label2, q):
        F = paddle.nn.functional
        hard = F.softmax_with_cross_entropy(x * 40.0, label, ignore_index=5)
        along = F.softmax_with_cross_entropy(y, label2, axis=1)
        soft, softmax = F.softmax_with_cross_entropy(
            x, F.softmax(q), soft_label=True, return_softmax=True)
        given = F.cross_entropy(F.softmax(q), label, use_softmax=False,
                                reduction="none")
        return hard, along, soft, softmax, given


def jit_cross_entropy(out):
    """CrossEntropyNet with x and q [None, 6], label [None, 1] (int64, to
    be fed in [0, 6)), y [None, 4, 5] and label2 [None, 1, 5] (in [0, 4))."""
    net = CrossEntropyNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 6], "float32", "x"),
                                InputSpec([None, 1], "int64", "label"),
                                InputSpec([None, 4, 5], "float32", "y"),
                                InputSpec([None, 1, 5], "int64", "label2"),
                                InputSpec([None, 6], "float32", "q")])


class UniqueNet(paddle.nn.Layer):
    """unique, whose sizes depend on the data: the sorted distinct values of
    integer ids (values only), and of floats cut to halves (repeats) with
    first positions, inverse and counts in int32;
    in a ProgramDesc program also fluid's unique (is_sorted false: values
    in the order they first appear, and the inverse; fluid took 1-D X
    only), appended last."""

    def forward(self, ids, y):
        values = paddle.unique(ids)
        # cast, not round: Paddle 3.3 writes round only as PIR.
        halves = paddle.cast(paddle.cast(y * 2.0, "int32"), "float32") / 2.0
        out = paddle.unique(halves, return_index=True, return_inverse=True,
                            return_counts=True, dtype="int32")
        if writes_pir():
            return (values, *out)
        first, inverse = append_legacy_op("unique", {"X": ids.reshape([-1])}, {"dtype": 3},
                                          ids.dtype, ("Out", "Index"), every=True)
        return (values, *out, first, inverse)


def jit_unique(out):
    """UniqueNet with ids [None, 4] (int64, to be fed in [0, 9)) and y
    [None, 3]."""
    net = UniqueNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 4], "int64", "ids"),
                                InputSpec([None, 3], "float32", "y")])


class UniqueAxisNet(paddle.nn.Layer):
    """unique along an axis (slices compared lexicographically): the
    distinct rows of 0/1 ids with first positions, inverse and counts, its
    distinct columns (the batch long), and the distinct last-axis slices
    of a 3-D float tensor cut to integers (slices that span the batch and
    the middle dim, compared in Paddle's order of their elements) with
    counts, by a negative axis."""

    def forward(self, ids, y):
        rows = paddle.unique(ids, axis=0, return_index=True, return_inverse=True,
                             return_counts=True)
        columns = paddle.unique(ids, axis=1)
        # Mostly zeros: some slices repeat, the rest hold a few +-1.
        cut = paddle.cast(paddle.cast(y * 0.6, "int32"), "float32")
        slices = paddle.unique(cut, axis=-1, return_counts=True, dtype="int32")
        return (*rows, columns, *slices)


def jit_unique_axis(out):
    """UniqueAxisNet with ids [None, 3] (int64, to be fed in [0, 2)) and y
    [None, 2, 12]."""
    net = UniqueAxisNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3], "int64", "ids"),
                                InputSpec([None, 2, 12], "float32", "y")])


class RoiAlignNet(paddle.nn.Layer):
    """roi_align (paddle.vision.ops) on two boxes per image made from `raw`
    (a corner and a positive size), spread past the image's edges (samples
    outside the map and clamped at its last row and column); aligned with
    an adaptive sampling grid, and unaligned with 2 x 2 samples per bin."""

    def forward(self, x, raw):
        # clip, not sigmoid or minimum: Paddle 3.3 writes those only as PIR.
        raw = paddle.clip(raw.reshape([-1, 4]), -2.0, 2.0)
        corner = raw[:, :2] * 12.0 + 20.0
        size = paddle.clip(raw[:, 2:], 0.05, 2.0) * 14.0
        boxes = paddle.concat([corner, corner + size], axis=1)
        num = paddle.full_like(x[:, 0, 0, 0], 2, dtype="int32")
        ops = paddle.vision.ops
        return (ops.roi_align(x, boxes, num, output_size=(3, 2), spatial_scale=0.5,
                              sampling_ratio=-1, aligned=True),
                ops.roi_align(x, boxes, num, output_size=2, spatial_scale=0.25,
                              sampling_ratio=2, aligned=False))


def jit_roi_align(out):
    """RoiAlignNet with x [None, 3, 16, 20] and raw [None, 8]."""
    net = RoiAlignNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, 16, 20], "float32", "x"),
                                InputSpec([None, 8], "float32", "raw")])


class DeformableNet(paddle.nn.Layer):
    """Deformable convolutions (paddle.vision.ops.DeformConv2D, PP-YOLO's
    DCN): offsets and a mask from plain convolutions, scaled so that taps
    land between pixels and past the image's edges; two deformable groups
    and two filter groups, v2 (with the mask) and v1 (without)."""

    def __init__(self):
        super().__init__()
        self.offsets = paddle.nn.Conv2D(4, 2 * 2 * 9, 3, padding=1)
        self.mask = paddle.nn.Conv2D(4, 2 * 9, 3, padding=1)
        self.v2 = paddle.vision.ops.DeformConv2D(4, 6, 3, padding=1,
                                                 deformable_groups=2, groups=2)
        self.v1 = paddle.vision.ops.DeformConv2D(4, 3, 3, stride=2, dilation=2,
                                                 padding=2, bias_attr=False)

    def forward(self, x):
        offsets = self.offsets(x) * 3.0
        # clip, not sigmoid: Paddle 3.3 writes sigmoid only as PIR.
        mask = paddle.clip(self.mask(x) * 0.5 + 0.5, 0.0, 1.0)
        small = paddle.nn.functional.avg_pool2d(offsets[:, :18], 2, ceil_mode=True)
        return self.v2(x, offsets, mask), self.v1(x, small)


def jit_deformable(out):
    """DeformableNet with x [None, 4, 7, 9]."""
    net = DeformableNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 4, 7, 9], "float32", "x")])


class PadAnyRankNet(paddle.nn.Layer):
    """Constant padding of 3-D and 2-D tensors (F.pad given 2 * rank
    paddings writes Paddle's `pad` op, not pad3d)."""

    def forward(self, x, y):
        F = paddle.nn.functional
        a = F.pad(x, [1, 2, 0, 3, 2, 0], mode="constant", value=1.5)
        b = F.pad(y, [2, 1, 1, 0], value=-2.0)
        return a * 1.0, b * 1.0


def jit_pad_any_rank(out):
    """PadAnyRankNet with x [None, 3, None] and y [None, 5], as ProgramDesc
    or (FLAGS_enable_pir_api=1) PIR."""
    net = PadAnyRankNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None], "float32", "x"),
                                InputSpec([None, 5], "float32", "y")])


class LegacyExpandNet(paddle.nn.Layer):
    """fluid's expand (v1: a tile), 1 x 2 times. Paddle 3.3 declares its
    output as if expand_times were a target shape; Paddle 2.6 writes it."""

    def forward(self, x):
        return append_legacy_op("expand", {"X": x}, {"expand_times": [1, 2]},
                                x.dtype) * 1.0


def jit_legacy_expand(out):
    """LegacyExpandNet with InputSpec [None, 8] (ProgramDesc only)."""
    net = LegacyExpandNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 8], "float32", "x")])


def jit_legacy_twins(out):
    """LegacyTwinsNet with InputSpec [None, 8] (ProgramDesc only)."""
    net = LegacyTwinsNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 8], "float32", "x")])


class PirFluidTwinsNet(paddle.nn.Layer):
    """PIR twins of fluid ops that no Paddle 3 API writes, through _C_ops:
    full_batch_size_like (fill_constant_batch_size_like: 0.5 of shape
    [batch, 3]) and fake_channel_wise_quantize_dequantize_abs_max (8 bits,
    along dim 1)."""

    def forward(self, x):
        c = paddle._C_ops.full_batch_size_like(x, [1, 3], paddle.float32, 0.5, 0, 0,
                                               paddle.CPUPlace())
        q, _ = paddle._C_ops.fake_channel_wise_quantize_dequantize_abs_max(x, 8, 0, 1)
        return c, q


def jit_pir_fluid_twins(out):
    """PirFluidTwinsNet with InputSpec [None, 6] (PIR only)."""
    net = PirFluidTwinsNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 6], "float32", "x")])


class SmallSideTransposeNet(paddle.nn.Layer):
    """Transposes of matrices with 2 to 4 rows or columns (an RGB image to
    channels-last is one): [N, 3, L] -> [N, L, 3], [N, L, 2] -> [N, 2, L] and
    [N, 4, L] -> [N, L, 4] -> back, each scaled so that no output is a view."""

    def forward(self, x, y, z):
        zt = paddle.transpose(z, [0, 2, 1]) * 3.0
        return (paddle.transpose(x, [0, 2, 1]) * 2.0,
                paddle.transpose(y, [0, 2, 1]) - 1.0,
                paddle.transpose(zt, [0, 2, 1]) + 0.5)


def jit_small_side_transpose(out):
    """SmallSideTransposeNet with x [None, 3, None], y [None, None, 2],
    z [None, 4, None]."""
    net = SmallSideTransposeNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None], "float32", "x"),
                                InputSpec([None, None, 2], "float32", "y"),
                                InputSpec([None, 4, None], "float32", "z")])


class ResizeNet(paddle.nn.Layer):
    """An OCR DB-style head on feature maps of any even size: an FPN level
    at half resolution brought back by nearest resizing to the input's own
    size (OutSize from paddle.shape) and by bilinear scale-2 resizing, the
    levels joined (concat), then two transposed convs (k2 s2) up to four
    times the input's resolution; and a segmentation-style bilinear resize
    to a fixed size with align_corners."""

    def __init__(self):
        super().__init__()
        nn = paddle.nn
        self.down = nn.Conv2D(8, 8, 3, stride=2, padding=1)
        self.lat0 = nn.Conv2D(8, 4, 1)
        self.lat1 = nn.Conv2D(8, 4, 1)
        self.fuse = nn.Conv2D(8, 4, 3, padding=1)
        self.bn = nn.BatchNorm2D(4)
        self.up1 = nn.Conv2DTranspose(4, 4, 2, stride=2)
        self.up2 = nn.Conv2DTranspose(4, 1, 2, stride=2)

    def forward(self, x):
        F = paddle.nn.functional
        p2 = self.lat1(F.relu(self.down(x)))
        p1 = self.lat0(x) + F.interpolate(p2, size=paddle.shape(x)[2:],
                                          mode="nearest")
        up = F.interpolate(p2, scale_factor=2, mode="bilinear",
                           align_corners=False)
        y = F.relu(self.bn(self.fuse(paddle.concat([p1, up], axis=1))))
        y = self.up2(F.relu(self.up1(y)))
        z = F.interpolate(p2, size=[5, 7], mode="bilinear", align_corners=True)
        return y, z


def jit_resize(out):
    """ResizeNet with InputSpec [None, 8, None, None]."""
    net = ResizeNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 8, None, None], "float32", "x")])


class ResizeExtrasNet(paddle.nn.Layer):
    """The other interpolation modes and the depthwise transposed conv, on
    an image, a sequence [N, C, W] and a volume [N, C, D, H, W] of any
    sizes: bicubic at scale 2 (half-pixel) and to a fixed size with
    align_corners; a depthwise Conv2DTranspose (groups = channels, k3 s2,
    output_padding 1: Paddle writes depthwise_conv2d_transpose); linear
    at scale 1.5 (align_mode 0) and to a fixed width with align_corners;
    trilinear to a fixed size (align_mode 1) and nearest at scale 2 of
    the volume."""

    def __init__(self):
        super().__init__()
        self.up = paddle.nn.Conv2DTranspose(4, 4, 3, stride=2, padding=1,
                                            output_padding=1, groups=4)

    def forward(self, x, seq, vol):
        F = paddle.nn.functional
        return (F.interpolate(x, scale_factor=2, mode="bicubic"),
                F.interpolate(x, size=[5, 7], mode="bicubic", align_corners=True),
                self.up(x),
                F.interpolate(seq, scale_factor=1.5, mode="linear",
                              align_mode=0, data_format="NCW"),
                F.interpolate(seq, size=[9], mode="linear", align_corners=True,
                              data_format="NCW"),
                F.interpolate(vol, size=[3, 4, 5], mode="trilinear", align_mode=1,
                              data_format="NCDHW"),
                F.interpolate(vol, scale_factor=2, mode="nearest",
                              data_format="NCDHW"))


def jit_resize_extras(out):
    """ResizeExtrasNet with every spatial dim and the batch dynamic."""
    net = ResizeExtrasNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 4, None, None], "float32", "x"),
                                InputSpec([None, 4, None], "float32", "seq"),
                                InputSpec([None, 2, None, None, None], "float32", "vol")])


class ErnieNet(paddle.nn.Layer):
    """An ERNIE-style encoder over token ids of any batch and length: word
    embeddings (padding_idx 0) and token-type embeddings of zeros_like(ids)
    summed by add_n, position embeddings of arange(length) added, layer
    norm, then (PIR only: Paddle 3.3 writes multi-head attention and tanh in
    no other format) two transformer layers and a tanh pooler of the first
    token, scaled by a constant of the batch's size."""

    def __init__(self, pir):
        super().__init__()
        nn = paddle.nn
        self.pir = pir
        self.word = nn.Embedding(100, 32, padding_idx=0)
        self.position = nn.Embedding(64, 32)
        self.token_type = nn.Embedding(2, 32)
        self.norm = nn.LayerNorm(32)
        layer = nn.TransformerEncoderLayer(32, 4, 64, dropout=0.1,
                                           activation="gelu")
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.pooler = nn.Linear(32, 32)

    def forward(self, ids):
        positions = paddle.arange(paddle.shape(ids)[1], dtype="int64").unsqueeze(0)
        x = paddle.add_n([self.word(ids),
                          self.token_type(paddle.zeros_like(ids))])
        x = x + self.position(positions)
        x = self.norm(x)
        # A constant of the batch's size: fill_constant with a
        # ShapeTensorList (ProgramDesc), full_with_tensor (PIR).
        half = paddle.full([paddle.shape(ids)[0], 32], 0.5)
        if self.pir:
            x = self.encoder(x)
            return x, paddle.tanh(self.pooler(x[:, 0])) * half
        return x, self.pooler(x[:, 0]) * half


def jit_ernie(out):
    """ErnieNet with InputSpec [None, None] of int64 ids."""
    net = ErnieNet(paddle.framework.in_pir_mode() or
                   os.environ.get("FLAGS_enable_pir_api") == "1")
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, None], "int64", "ids")])


class ActivationsNet(paddle.nn.Layer):
    """Paddle 3's activations as PIR writes them (pd_op.silu, leaky_relu,
    clip with its bounds as full ops, pow, relu6, sigmoid, hardswish,
    hardsigmoid, tanh, abs, exp), in a chain: each value has one user, as
    Paddle Inference's matmul_add_act_fuse_pass needs (it fuses an
    activation into the matmul even when the matmul's result has another
    user, and then gives that user the activated value)."""

    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(16, 16)

    def forward(self, x):
        F = paddle.nn.functional
        y = F.leaky_relu(F.silu(self.fc(x) * 3.0), 0.1)
        y = paddle.pow(F.relu(paddle.clip(y, -0.5, 2.5)), 2.0)
        y = F.hardsigmoid(F.hardswish(F.sigmoid(F.relu6(y * 4.0)) * 6.0 - 3.0))
        return paddle.exp(-paddle.abs(paddle.tanh(y * 2.0 - 1.0)))


def jit_activations(out):
    """ActivationsNet with InputSpec [None, 16] (PIR: Paddle 3.3 writes these
    activations in no other format)."""
    net = ActivationsNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 16], "float32", "x")])


class PirTwinsNet(paddle.nn.Layer):
    """PIR ops whose ProgramDesc twins pd types: unsqueeze and squeeze (axes
    from full_int_array), slice (starts and ends from full_int_array),
    split_with_num (split into equal parts), subtract, multiply, sqrt,
    divide."""

    def __init__(self):
        super().__init__()
        self.fc = paddle.nn.Linear(12, 12)

    def forward(self, x):
        y = self.fc(x)
        v = paddle.squeeze(paddle.unsqueeze(y, [1])[:, :, 2:-2], [1])
        b = paddle.multiply(paddle.subtract(v, y[:, :8]), y[:, 4:])
        p, q, r = paddle.split(y, 3, axis=1)
        b = b + paddle.concat([p * q, r], axis=1)
        return paddle.divide(b, paddle.sqrt(paddle.abs(y[:, 1:9]) + 1.0))


def jit_pir_twins(out):
    """PirTwinsNet with InputSpec [None, 12] (written as PIR)."""
    net = PirTwinsNet()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 12], "float32", "x")])


def static_crnn(out):
    """A CRNN text recognizer as PP-OCR's are built: a conv backbone pooled to
    height 2, its columns a sequence (reshape, transpose), a two-layer
    bidirectional LSTM (input 32, hidden 24: the second layer reads 48) and
    a CTC head (a Linear and a softmax over the classes of each step). Its
    final h is fetched too. Written from a static program, with any batch and
    width, as ProgramDesc or (FLAGS_enable_pir_api=1) PIR: Paddle 3.3's
    to_static cannot write an LSTM as ProgramDesc."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 3, 8, None], "float32")
        nn, F = paddle.nn, paddle.nn.functional
        y = F.relu(nn.BatchNorm2D(8)(nn.Conv2D(3, 8, 3, padding=1)(x)))
        y = F.max_pool2d(y, 2, 2)                                  # 4 x W/2
        y = F.relu(nn.Conv2D(8, 16, 3, padding=1)(y))
        y = F.max_pool2d(y, (2, 1), (2, 1))                        # 2 x W/2
        y = paddle.transpose(paddle.reshape(y, [0, 32, -1]), [0, 2, 1])
        y, (h, _) = nn.LSTM(32, 24, num_layers=2, direction="bidirect")(y)
        probs = F.softmax(nn.Linear(48, 11)(y), axis=-1)
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    paddle.static.save_inference_model(os.path.join(out, "model"), [x],
                                       [probs, h], exe, program=main)


class Taggers(paddle.nn.Layer):
    """Sequence taggers over token ids with their lengths: embeddings, then a
    bidirectional LSTM, a bidirectional GRU and a two-layer simple RNN (tanh),
    each given sequence_length (steps past a sequence's end keep the state
    and give zeros), and a Linear over their joined outputs. Returns the tags
    and each RNN's final h."""

    def __init__(self):
        super().__init__()
        nn = paddle.nn
        self.embedding = nn.Embedding(50, 12)
        self.lstm = nn.LSTM(12, 8, direction="bidirect")
        self.gru = nn.GRU(12, 8, direction="bidirect")
        self.rnn = nn.SimpleRNN(12, 8, num_layers=2)
        self.fc = nn.Linear(40, 5)

    def forward(self, ids, lengths):
        x = self.embedding(ids)
        lstm, (lstm_h, _) = self.lstm(x, sequence_length=lengths)
        gru, gru_h = self.gru(x, sequence_length=lengths)
        rnn, rnn_h = self.rnn(x, sequence_length=lengths)
        tags = self.fc(paddle.concat([lstm, gru, rnn], axis=-1))
        return tags, lstm_h, gru_h, rnn_h


TAGGER_SPEC = [InputSpec([None, None], "int64", "ids"),
               InputSpec([None], "int64", "lengths")]


def static_taggers(out):
    """Taggers in a static program, saved as ProgramDesc (Paddle 3.3's
    to_static cannot write an RNN as ProgramDesc)."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        inputs = [paddle.static.data(s.name, s.shape, s.dtype) for s in TAGGER_SPEC]
        outputs = Taggers()(*inputs)
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    paddle.static.save_inference_model(os.path.join(out, "model"), inputs,
                                       list(outputs), exe, program=main)


def jit_taggers(out):
    """Taggers through to_static, saved as PIR (Paddle 3.3's static program
    of three RNNs writes a parameter file its own predictor cannot read)."""
    net = Taggers()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"), input_spec=TAGGER_SPEC)


def writes_pir():
    """Whether the program being traced is PIR (Paddle 3, FLAGS_enable_pir_api=1)."""
    return getattr(paddle.framework, "in_pir_mode", lambda: False)()


def append_legacy_op(type, inputs, attrs, dtype, outputs=("Out",), every=False):
    """Appends a ProgramDesc op that no Paddle 2.6 API writes any more (a
    fluid 1.x op Paddle's loaders still run); returns its first output (or,
    with `every`, all of them)."""
    from paddle.common_ops_import import LayerHelper
    helper = LayerHelper(type)
    outs = {o: helper.create_variable_for_type_inference(dtype) for o in outputs}
    helper.append_op(type=type, inputs=inputs, outputs=outs, attrs=attrs)
    return [outs[o] for o in outputs] if every else outs[outputs[0]]


class OpMix(paddle.nn.Layer):
    """Reductions (sum, max, min, prod, mean, argmax, argmin, cumsum), data
    movement (pixel_shuffle, tile, gather, expand, meshgrid, where), math
    (log, floor, ceil, square, reciprocal, rsqrt, erf, sin, cos, softplus,
    maximum, minimum, elementwise pow) and, in a ProgramDesc program,
    fluid's flatten2 and fill_constant_batch_size_like."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 8, 3, padding=1)
        self.fc = paddle.nn.Linear(6, 6)

    def forward(self, x, ids):
        F = paddle.nn.functional
        y = self.conv(x)                                    # N, 8, H, W
        s = paddle.sum(F.pixel_shuffle(y, 2), axis=[2, 3])  # N, 2
        m = paddle.max(y, axis=1, keepdim=True)             # N, 1, H, W
        n = paddle.min(y, axis=2)                           # N, 8, W
        prod = paddle.prod(paddle.tanh(y[:, :2]), axis=1)   # N, H, W
        amax = paddle.argmax(y, axis=1)                     # N, H, W
        amin = paddle.argmin(y, axis=-1, keepdim=True)      # N, 8, H, 1
        running = paddle.cumsum(y, axis=2)
        z = self.fc(paddle.tile(s, [1, 3]))                 # N, 6
        g = paddle.gather(z, ids, axis=1)                   # N, K
        e = paddle.expand(paddle.mean(g, axis=1, keepdim=True), [-1, 4])
        w = paddle.where(z > 0, z, paddle.zeros_like(z) - 1.0)
        u = paddle.log(paddle.abs(w) + 1.0) + paddle.floor(w) + paddle.ceil(w) * 0.5
        u = u + paddle.square(w) + paddle.reciprocal(paddle.abs(w) + 2.0)
        u = u + paddle.rsqrt(paddle.abs(w) + 1.0) + paddle.erf(w)
        u = u + paddle.sin(w) + paddle.cos(w) + F.softplus(w, beta=2.0, threshold=3.0)
        u = paddle.maximum(u, w) + paddle.minimum(u, w * 2.0)
        u = u + paddle.pow(paddle.abs(u) + 1.0, w * 0.1)
        gx, gy = paddle.meshgrid(paddle.arange(3, dtype="float32"),
                                 paddle.sum(e, axis=0))
        if writes_pir():
            flat = paddle.flatten(y, 2)
            half = paddle.full_like(z[:, :3], 0.5)
        else:
            flat = append_legacy_op("flatten2", {"X": y}, {"axis": 2}, y.dtype,
                                    ("Out", "XShape"))
            half = append_legacy_op(
                "fill_constant_batch_size_like", {"Input": z},
                {"shape": [-1, 3], "value": 0.5, "dtype": 5,
                 "input_dim_idx": 0, "output_dim_idx": 0}, z.dtype)
        return (m + paddle.unsqueeze(prod, 1), n, amax, amin, running, u, e,
                gx * gy, paddle.sum(amax, axis=[1, 2]), flat, half)


def jit_op_mix(out):
    """OpMix with any batch, image size and index count. Paddle 3.3's
    to_static cannot write it as ProgramDesc (tanh, sum): Paddle 2.6 does."""
    net = OpMix()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x"),
                                InputSpec([None], "int64", "ids")])


class ActNormMix(paddle.nn.Layer):
    """Activations (elu, selu, celu, mish, log_sigmoid, softsign, tanhshrink,
    hardshrink, softshrink, thresholded_relu, prelu), math (sign, round, tan,
    atan, asin, acos, sinh, cosh, expm1, log1p, log2, log10, remainder,
    floor_divide), normalisation (instance_norm, group_norm, p_norm through
    F.normalize, log_softmax), padding (reflect and constant pad3d), flip,
    index_select, logic (and, or, xor) and constants (assign_value)."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 8, 3, padding=1)
        self.prelu = paddle.nn.PReLU(8, init=0.1)
        self.inorm = paddle.nn.InstanceNorm2D(8)
        self.gnorm = paddle.nn.GroupNorm(4, 8)
        self.fc = paddle.nn.Linear(8, 6)

    def forward(self, x, ids):
        F = paddle.nn.functional
        y = self.prelu(self.conv(x))                             # N, 8, H, W
        a = self.inorm(y)
        b = self.gnorm(F.pad(y, [1, 2, 0, 1], mode="reflect"))
        c = F.pad(y, [1, 1, 2, 0], value=0.5)
        z = self.fc(paddle.mean(a, axis=[2, 3]) + paddle.mean(b, axis=[2, 3])
                    + paddle.mean(c, axis=[2, 3]))              # N, 6
        u = F.elu(z, 0.7) + F.selu(z) + F.celu(z, 1.3) + F.mish(z) + F.log_sigmoid(z)
        u = u + F.softsign(z) + F.tanhshrink(z) + F.hardshrink(z, 0.3)
        u = u + F.softshrink(z, 0.2) + F.thresholded_relu(z, 0.1)
        u = u + paddle.sign(z) + paddle.round(z * 3)
        t = paddle.tanh(z) * 0.9
        u = u + paddle.tan(t) + paddle.atan(z) + paddle.asin(t) + paddle.acos(t)
        u = u + paddle.sinh(t) + paddle.cosh(t) + paddle.expm1(t)
        u = u + paddle.log1p(paddle.abs(z)) + paddle.log2(paddle.abs(z) + 1)
        u = u + paddle.log10(paddle.abs(z) + 1)
        q = paddle.full_like(z, 1.5)
        u = u + paddle.remainder(z * 5, q) + paddle.floor_divide(z * 5, q)
        l = F.log_softmax(u, axis=-1)
        logic = (paddle.cast(paddle.logical_and(z > 0, u > 0), "float32")
                 + paddle.cast(paddle.logical_or(z > 0.5, u < 0), "float32") * 2
                 + paddle.cast(paddle.logical_xor(z > 0, u > 0), "float32") * 4)
        # Constants in the code become assign_value ops.
        picked = paddle.index_select(u, paddle.to_tensor([0, 2, 2, 5]), axis=1)
        weighted = u * paddle.to_tensor([1.0, 2.0, 0.5, 1.0, 1.0, 3.0])
        return (paddle.flip(l, axis=[1]), paddle.index_select(u, ids, axis=1),
                F.normalize(u, axis=1), logic, b, picked + 1.0, weighted)


def jit_act_norm_mix(out):
    """ActNormMix with any batch, image size and index count. Paddle 3.3's
    to_static cannot write it as ProgramDesc (tanh): Paddle 2.6 does."""
    net = ActNormMix()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x"),
                                InputSpec([None], "int64", "ids")])


class Selections(paddle.nn.Layer):
    """Outputs whose size depends on the data: paddle.nonzero (where_index)
    and paddle.masked_select; orderings: paddle.topk (top_k_v2, largest
    along the last axis, smallest along the first) and paddle.argsort; and
    strided slices (x[:, ::2], x[:, 1:5:3]; downwards: x[:, ::-1],
    x[::-2, 4:0:-3], x[-2::-1], which is empty for one row)."""

    def forward(self, x):
        top, top_index = paddle.topk(x, 3, axis=1)
        low, low_index = paddle.topk(x, 1, axis=0, largest=False)
        order = paddle.argsort(x, axis=1, descending=True)
        return (paddle.nonzero(x > 0.5), paddle.masked_select(x, x < 0.2),
                top, top_index, low, low_index, order,
                paddle.sort(x, axis=0), x[:, ::2], x[:, 1:5:3],
                x[:, ::-1], x[::-2, 4:0:-3], x[-2::-1])


def jit_selections(out):
    """Selections on x [N, 5]."""
    paddle.jit.save(Selections(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 5], "float32", "x")])


class TopKTensor(paddle.nn.Layer):
    """paddle.topk with k given by a tensor (a model input, read at run
    time): the k largest and the k smallest along the last axis."""

    def forward(self, x, k):
        top, top_index = paddle.topk(x, k, axis=1)
        low, low_index = paddle.topk(x, k, axis=-1, largest=False)
        return top, top_index, low, low_index


def jit_topk_tensor(out):
    """TopKTensor on x [N, 6] and k [1] (int32, to be fed in [1, 7))."""
    paddle.jit.save(TopKTensor(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 6], "float32", "x"),
                                InputSpec([1], "int32", "k")])


class IntegerSorts(paddle.nn.Layer):
    """Orderings of int64 values, whose values and indices results have one
    type: paddle.topk by passes (k 3) and by sorting (k 12), paddle.argsort
    and paddle.sort, on lines of 20."""

    def forward(self, x):
        top, top_index = paddle.topk(x, 3, axis=1)
        many, many_index = paddle.topk(x, 12, axis=1, largest=False)
        return (top, top_index, many, many_index,
                paddle.argsort(x, axis=1, stable=True), paddle.sort(x, axis=1))


def jit_integer_sorts(out):
    """IntegerSorts on x [N, 20] (int64; fed from a wide range, so that a
    line's values are distinct and Paddle's unstable sorts give one order)."""
    paddle.jit.save(IntegerSorts(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 20], "int64", "x")])


class LongSorts(paddle.nn.Layer):
    """Orderings of long lines (pd sorts these lines rather than passing
    over them k times): of distinct values, paddle.argsort ascending and
    descending, paddle.sort descending along the batch axis, paddle.topk of
    40 largest and 12 smallest; of many equal values (x cut to quarters),
    paddle.argsort with stable=True, whose equal values keep their order
    (without it Paddle's std::sort leaves them in an order of its own); and
    of values a fifth of them NaN, which Paddle sorts as the largest."""

    def forward(self, x):
        top, top_index = paddle.topk(x, 40, axis=1)
        low, low_index = paddle.topk(x, 12, axis=1, largest=False)
        q = paddle.cast(paddle.cast(x * 4, "int32"), "float32")
        # sqrt(-1), not a NaN constant: Paddle 3.3 cannot read back the
        # PIR file it writes with one.
        with_nan = paddle.where(x > 0.85, paddle.pow(x * 0 - 1, 0.5), x)
        return (paddle.argsort(x, axis=1), paddle.argsort(x, axis=1, descending=True),
                paddle.sort(x, axis=0, descending=True), top, top_index, low, low_index,
                paddle.argsort(q, axis=1, stable=True),
                paddle.argsort(q, axis=1, descending=True, stable=True),
                paddle.argsort(with_nan, axis=1, stable=True),
                paddle.argsort(with_nan, axis=1, descending=True, stable=True))


def jit_long_sorts(out):
    """LongSorts on x [N, 3000]."""
    paddle.jit.save(LongSorts(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3000], "float32", "x")])


class BoxCoder(paddle.nn.Layer):
    """box_coder: decoding offsets to 6 priors (pixel boxes with a
    PriorBoxVar tensor; normalised boxes with the variance attribute) and
    encoding boxes against them."""

    def forward(self, prior, var, target, boxes):
        code = paddle.vision.ops.box_coder
        return (code(prior, var, target, code_type="decode_center_size",
                     box_normalized=False),
                code(prior, [0.1, 0.1, 0.2, 0.2], target,
                     code_type="decode_center_size"),
                code(prior, var, boxes, code_type="encode_center_size"))


def jit_box_coder(out):
    """BoxCoder with any number of images (decode) or boxes (encode)."""
    paddle.jit.save(BoxCoder(), os.path.join(out, "model"), input_spec=[
        InputSpec([6, 4], "float32", "prior"), InputSpec([6, 4], "float32", "var"),
        InputSpec([None, 6, 4], "float32", "target"),
        InputSpec([None, 4], "float32", "boxes")])


class QatNet(paddle.nn.Layer):
    """A conv net for quantization-aware training: conv, depthwise conv,
    pooling, Linear."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 8, 3, padding=1)
        self.depthwise = paddle.nn.Conv2D(8, 8, 3, padding=1, groups=8)
        self.fc = paddle.nn.Linear(8, 5)

    def forward(self, x):
        F = paddle.nn.functional
        y = F.relu(self.depthwise(F.relu(self.conv(x))))
        return self.fc(paddle.mean(y, axis=[2, 3]))


def calibrate(net):
    """A few training-mode passes, so that the quantizers record scales."""
    net.train()
    for _ in range(4):
        net(paddle.randn([2, 3, 12, 12]))
    net.eval()


QAT_SPEC = [InputSpec([None, 3, None, None], "float32", "x")]


def imperative_qat(out):
    """PaddleSlim's QAT of QatNet as ProgramDesc (ImperativeQuantAware):
    fake_channel_wise_quantize_dequantize_abs_max on the weights (per output
    channel: quant_axis 0 for convs, 1 for the Linear),
    fake_quantize_dequantize_moving_average_abs_max on the activations, and
    moving_average_abs_max_scale recording output scales."""
    from paddle.quantization import ImperativeQuantAware
    net = QatNet()
    qat = ImperativeQuantAware(weight_quantize_type="channel_wise_abs_max",
                               activation_quantize_type="moving_average_abs_max")
    qat.quantize(net)
    calibrate(net)
    qat.save_quantized_model(net, os.path.join(out, "model"), input_spec=QAT_SPEC)


def jit_qat(out):
    """Paddle's QAT API on QatNet (abs-max quanters with moving averages on
    weights and activations), saved by to_static: as PIR, every quanter is a
    fake_quantize_dequantize_moving_average_abs_max."""
    from paddle.quantization import QAT, QuantConfig
    from paddle.quantization.quanters import FakeQuanterWithAbsMaxObserver
    quanter = FakeQuanterWithAbsMaxObserver(moving_rate=0.9)
    net = QAT(QuantConfig(activation=quanter, weight=quanter)).quantize(
        QatNet(), inplace=False)
    calibrate(net)
    paddle.jit.save(net, os.path.join(out, "model"), input_spec=QAT_SPEC)


def static_quant_ops(out):
    """The quantize-dequantize ops alone on an input [N, 6]: abs max (ties to
    even; 4 bits away from zero), channel-wise along dim 1, and a recorded
    scale of 0.7 that clips (both roundings), in a ProgramDesc program."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 6], "float32")
        scale = paddle.static.create_parameter(
            [1], "float32", name="recorded_scale",
            default_initializer=paddle.nn.initializer.Constant(0.7))
        outs = [
            append_legacy_op("fake_quantize_dequantize_abs_max", {"X": x},
                             {"bit_length": 8, "round_type": 0}, x.dtype,
                             ("Out", "OutScale")),
            append_legacy_op("fake_quantize_dequantize_abs_max", {"X": x},
                             {"bit_length": 4, "round_type": 1}, x.dtype,
                             ("Out", "OutScale")),
            append_legacy_op("fake_channel_wise_quantize_dequantize_abs_max",
                             {"X": x}, {"bit_length": 8, "round_type": 0,
                                        "quant_axis": 1}, x.dtype,
                             ("Out", "OutScale"))]
        for round_type in (0, 1):
            outs.append(append_legacy_op(
                "fake_quantize_dequantize_moving_average_abs_max",
                {"X": x, "InScale": scale},
                {"bit_length": 8, "round_type": round_type, "is_test": True,
                 "moving_rate": 0.9}, x.dtype, ("Out", "OutScale")))
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    paddle.static.save_inference_model(os.path.join(out, "model"), [x], outs,
                                       exe, program=main)


def static_data_norm(out):
    """fluid's data_norm (CTR models, paddle.static.nn.data_norm in Paddle
    2.6; Paddle 3.3 no longer registers it) on an input [N, 8]: plain, with
    scale and shift, with slots of 2 (a slot whose first value, its show
    count, is 0 comes out 0: x is cut to 0 below 0.3 so that some are), and
    with both; and fill_zeros_like and fill_zeros_like2 (int64) of it. The
    statistics are random, not the initial 1e4, 0, 1e4, so that every term
    counts."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 8], "float32")
        shows = paddle.where(x < 0.3, paddle.zeros_like(x), x)
        norm = paddle.static.nn.data_norm
        outs = [norm(x, name="plain"),
                norm(x, param_attr={}, enable_scale_and_shift=True, name="shifted"),
                norm(shows, slot_dim=2, name="slots"),
                norm(shows, param_attr={}, slot_dim=2, enable_scale_and_shift=True,
                     name="both"),
                append_legacy_op("fill_zeros_like", {"X": x}, {}, x.dtype),
                append_legacy_op("fill_zeros_like2", {"X": x}, {"dtype": 3}, "int64")]
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    rng = np.random.default_rng(7)
    scope = paddle.static.global_scope()
    for p in main.all_parameters():
        low, high = (1.0, 3.0) if "batch_size" in p.name or "square" in p.name else (-1.0, 1.0)
        value = rng.uniform(low, high, p.shape).astype("float32")
        scope.find_var(p.name).get_tensor().set(value, paddle.CPUPlace())
    paddle.static.save_inference_model(os.path.join(out, "model"), [x], outs,
                                       exe, program=main)


class TensorShapes(paddle.nn.Layer):
    """Shapes, repeats, slice bounds and sizes computed from the input's
    shape at run time, as exporters of dynamic models write them: reshape
    (a list with -1, and a 1-D shape tensor), expand, tile, slice with
    tensor starts and ends, nearest and bilinear resizing to a size tensor,
    zeros and arange of a computed size."""

    def forward(self, x, y):
        F = paddle.nn.functional
        s = paddle.shape(x)                                      # N, 3, H, W
        n = paddle.shape(y)[0]
        expanded = paddle.expand(y.unsqueeze(1), [n, 4, y.shape[1]])
        nearest = F.interpolate(x, size=[s[2] * 2, s[3] + 1], mode="nearest")
        bilinear = F.interpolate(x, size=[s[2] + 3, s[3] * 2], mode="bilinear")
        window = x[:, :, s[2] // 4: s[2] // 2 + 1]
        rows = paddle.reshape(x, [s[0], -1, s[3]])
        flat = paddle.reshape(x, paddle.concat([s[:1], paddle.full([1], -1, s.dtype)]))
        tiled = paddle.tile(y, paddle.concat([paddle.full([1], 1, s.dtype),
                                              s[2:3] // s[2:3] * 2]))
        zeros = paddle.zeros([n, 5])
        ramp = paddle.arange(0, s[3], dtype="float32")
        return expanded, nearest, bilinear, window, rows, flat, tiled, zeros, ramp


def jit_tensor_shapes(out):
    """TensorShapes with any batch and image size."""
    paddle.jit.save(TensorShapes(), os.path.join(out, "model"), input_spec=[
        InputSpec([None, 3, None, None], "float32", "x"),
        InputSpec([None, 8], "float32", "y")])


def converted_qat(out):
    """Paddle's QAT API on QatNet, then convert: the quanters become
    quantize_linear/dequantize_linear pairs on the activations and a
    dequantize_linear of the weights (stored as their integer steps), saved
    by to_static as ProgramDesc (Paddle 2.6: Paddle 3.3's convert fails on
    quanters without zero points)."""
    from paddle.quantization import QAT, QuantConfig
    from paddle.quantization.quanters import FakeQuanterWithAbsMaxObserver
    quanter = FakeQuanterWithAbsMaxObserver(moving_rate=0.9)
    qat = QAT(QuantConfig(activation=quanter, weight=quanter))
    net = qat.quantize(QatNet(), inplace=False)
    calibrate(net)
    net = qat.convert(net, inplace=False)
    paddle.jit.save(net, os.path.join(out, "model"), input_spec=QAT_SPEC)


def linear_quantization(op, x, scale, zero, quant_axis=-1):
    """quantize_linear or dequantize_linear (8 bits, ties to even) of x:
    _C_ops in PIR, the op appended in a ProgramDesc program (paddle.nn.quant's
    layers cannot trace dynamic shapes in PIR)."""
    if writes_pir():
        idle = paddle.zeros([1], "float32")
        return getattr(paddle._C_ops, op)(x, scale, zero, idle, idle, quant_axis,
                                          8, -128, 127, 0, True, False)[0]
    return append_legacy_op(op, {"X": x, "Scale": scale, "ZeroPoint": zero},
                            {"quant_axis": quant_axis, "bit_length": 8,
                             "qmin": -128, "qmax": 127, "round_type": 0,
                             "is_test": True}, x.dtype, ("Y",))


class LinearQuantNet(paddle.nn.Layer):
    """What convert makes of a conv and a Linear, written out: the weights
    stored as integer steps and dequantized per output channel (dim 0 of the
    conv's, dim 1 of the Linear's), the activations quantized and
    dequantized per tensor (scales 2 and 0.5)."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 8, 3, padding=1)
        self.fc = paddle.nn.Linear(8, 5)

        def constant(value):
            value = np.asarray(value, "float32").reshape([-1])
            p = self.create_parameter(list(value.shape), dtype="float32")
            p.set_value(value)
            p.stop_gradient = True
            return p

        self.weight_scales = []
        for layer, axis in ((self.conv, 0), (self.fc, 1)):
            w = layer.weight.numpy()
            other = tuple(d for d in range(w.ndim) if d != axis)
            scale = np.abs(w).max(axis=other)
            shape = [1] * w.ndim
            shape[axis] = -1
            layer.weight.set_value(
                np.round(w / scale.reshape(shape) * 127).astype("float32"))
            self.weight_scales.append((constant(scale),
                                       constant(np.zeros_like(scale)), axis))
        self.activation_scales = [(constant(s), constant(0.0)) for s in (2.0, 0.5)]
        for i, (s, z, _) in enumerate(self.weight_scales):
            setattr(self, f"weight_scale{i}", s)
            setattr(self, f"weight_zero{i}", z)
        for i, (s, z) in enumerate(self.activation_scales):
            setattr(self, f"scale{i}", s)
            setattr(self, f"zero{i}", z)

    def weight(self, layer, i):
        s, z, axis = self.weight_scales[i]
        return linear_quantization("dequantize_linear", layer.weight, s, z, axis)

    def activation(self, x, i):
        s, z = self.activation_scales[i]
        return linear_quantization("dequantize_linear",
                                   linear_quantization("quantize_linear", x, s, z),
                                   s, z)

    def forward(self, x):
        F = paddle.nn.functional
        y = F.conv2d(self.activation(x, 0), self.weight(self.conv, 0),
                     self.conv.bias, padding=1)
        y = self.activation(paddle.mean(F.relu(y), axis=[2, 3]), 1)
        return F.linear(y, self.weight(self.fc, 1), self.fc.bias)


def jit_linear_quant(out):
    """LinearQuantNet saved by to_static (as PIR in Paddle 3)."""
    paddle.jit.save(LinearQuantNet(), os.path.join(out, "model"),
                    input_spec=QAT_SPEC)


def static_linear_quant_ops(out):
    """quantize_linear and dequantize_linear alone on an input [N, 6], each
    pair with a scale of 0.7 that clips: per tensor (ties to even), 4 bits
    with ties away from zero, per channel along dim 1, and only_observer,
    in a ProgramDesc program."""
    paddle.enable_static()
    main, startup = paddle.static.Program(), paddle.static.Program()
    with paddle.static.program_guard(main, startup):
        x = paddle.static.data("x", [None, 6], "float32")

        def param(name, shape, value):
            return paddle.static.create_parameter(
                shape, "float32", name=name,
                default_initializer=paddle.nn.initializer.Constant(value))

        scale, zero = param("scale", [1], 0.7), param("zero", [1], 0.0)
        scales, zeros = param("scales", [6], 0.7), param("zeros", [6], 0.0)
        outs = []
        for attrs, s, z in (
                ({"quant_axis": -1, "bit_length": 8, "qmin": -128, "qmax": 127,
                  "round_type": 0}, scale, zero),
                ({"quant_axis": -1, "bit_length": 4, "round_type": 1}, scale, zero),
                ({"quant_axis": 1, "bit_length": 8, "round_type": 0}, scales, zeros),
                ({"quant_axis": -1, "bit_length": 8, "only_observer": True},
                 scale, zero)):
            inputs = {"Scale": s, "ZeroPoint": z}
            q = append_legacy_op("quantize_linear", {"X": x, **inputs}, attrs,
                                 x.dtype, ("Y",))
            outs.append(q)
            outs.append(append_legacy_op("dequantize_linear", {"X": q, **inputs},
                                         attrs, x.dtype, ("Y",)))
    exe = paddle.static.Executor(paddle.CPUPlace())
    exe.run(startup)
    paddle.static.save_inference_model(os.path.join(out, "model"), [x], outs,
                                       exe, program=main)


def multiclass_nms(bboxes, scores, **attrs):
    """multiclass_nms3 (PaddleDetection's helper: Paddle has no Python API
    for it): _C_ops in PIR, the op appended in a ProgramDesc program."""
    if writes_pir():
        return paddle._C_ops.multiclass_nms3(
            bboxes, scores, None, attrs["score_threshold"], attrs["nms_top_k"],
            attrs["keep_top_k"], attrs["nms_threshold"], attrs["normalized"],
            attrs["nms_eta"], attrs["background_label"])
    from paddle.common_ops_import import LayerHelper
    helper = LayerHelper("multiclass_nms3")
    out = helper.create_variable_for_type_inference(bboxes.dtype)
    index = helper.create_variable_for_type_inference("int32")
    count = helper.create_variable_for_type_inference("int32")
    helper.append_op(type="multiclass_nms3",
                     inputs={"BBoxes": bboxes, "Scores": scores},
                     outputs={"Out": out, "Index": index, "NmsRoisNum": count},
                     attrs=attrs)
    return out, index, count


class YoloHead(paddle.nn.Layer):
    """A YOLOv3-style head: two scales (strides 4 and 8) decoded by yolo_box
    (3 anchors, 4 classes, scale_x_y 1.05), joined, then two NMS: pixel
    boxes with every class, nms_top_k, keep_top_k and an adaptive threshold
    (nms_eta); and class 0 as background with no limits. How many boxes
    each keeps depends on the data."""

    def __init__(self):
        super().__init__()
        self.fine = paddle.nn.Conv2D(3, 3 * 9, 3, stride=4, padding=1)
        self.coarse = paddle.nn.Conv2D(3, 3 * 9, 3, stride=8, padding=1)

    def forward(self, x, image_size):
        decode = paddle.vision.ops.yolo_box
        b1, s1 = decode(self.fine(x), image_size, anchors=[10, 13, 16, 30, 33, 23],
                        class_num=4, conf_thresh=0.3, downsample_ratio=4,
                        scale_x_y=1.05)
        b2, s2 = decode(self.coarse(x), image_size, anchors=[30, 61, 62, 45, 59, 119],
                        class_num=4, conf_thresh=0.3, downsample_ratio=8)
        boxes = paddle.concat([b1, b2], axis=1)
        scores = paddle.transpose(paddle.concat([s1, s2], axis=1), [0, 2, 1])
        out, index, count = multiclass_nms(
            boxes, scores, score_threshold=0.35, nms_top_k=30, keep_top_k=12,
            nms_threshold=0.45, normalized=False, nms_eta=0.9, background_label=-1)
        out2, index2, count2 = multiclass_nms(
            boxes, scores, score_threshold=0.4, nms_top_k=-1, keep_top_k=-1,
            nms_threshold=0.3, normalized=True, nms_eta=1.0, background_label=0)
        return boxes, scores, out, index, count, out2, index2, count2


def jit_yolo(out):
    """YoloHead with any batch and image size."""
    net = YoloHead()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x"),
                                InputSpec([None, 2], "int32", "image_size")])


class YoloIouAware(paddle.nn.Layer):
    """yolo_box with iou_aware (PP-YOLO's head): one IoU channel per anchor
    before the anchors' entries, the confidence conf^0.6 * iou^0.4; boxes
    clipped, and not clipped at a second scale."""

    def __init__(self):
        super().__init__()
        self.head = paddle.nn.Conv2D(3, 3 * (6 + 2), 3, stride=4, padding=1)

    def forward(self, x, image_size):
        decode = paddle.vision.ops.yolo_box
        y = self.head(x)
        boxes, scores = decode(y, image_size, anchors=[10, 13, 16, 30, 33, 23],
                               class_num=2, conf_thresh=0.45, downsample_ratio=4,
                               iou_aware=True, iou_aware_factor=0.4)
        loose, loose_scores = decode(y * 0.5, image_size, anchors=[10, 13, 16, 30, 33, 23],
                                     class_num=2, conf_thresh=0.05, downsample_ratio=4,
                                     clip_bbox=False, scale_x_y=1.1, iou_aware=True,
                                     iou_aware_factor=0.7)
        return boxes, scores, loose, loose_scores


def jit_yolo_iou_aware(out):
    """YoloIouAware with any batch and image size."""
    net = YoloIouAware()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x"),
                                InputSpec([None, 2], "int32", "image_size")])


class SpatialTransformer(paddle.nn.Layer):
    """affine_grid: a fixed output size with align_corners, the input's own
    size (a shape tensor) without, and a volume's grid from Theta
    [N, 3, 4]. (The spatial transformer's grid_sample is not here: Paddle
    3.3 writes it only as PIR.)"""

    def forward(self, x, theta, theta3):
        F = paddle.nn.functional
        fixed = F.affine_grid(theta, [1, 3, 5, 7], align_corners=True)
        own = F.affine_grid(theta, paddle.shape(x), align_corners=False)
        volume = F.affine_grid(theta3, [1, 2, 3, 4, 5], align_corners=False)
        return fixed, own, volume


def jit_affine_grid(out):
    """SpatialTransformer with x [None, 3, None, None], theta [None, 2, 3]
    and theta3 [None, 3, 4]."""
    paddle.jit.save(SpatialTransformer(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x"),
                                InputSpec([None, 2, 3], "float32", "theta"),
                                InputSpec([None, 3, 4], "float32", "theta3")])


class MatrixNms(paddle.nn.Layer):
    """matrix_nms of boxes [N, M, 4] and scores [N, C, M] (PP-YOLO's NMS):
    linear decay on normalised boxes, background class 0, every candidate;
    Gaussian decay on pixel boxes, no background, the 6 best per class and
    the 10 best per image."""

    def forward(self, boxes, scores):
        nms = paddle.vision.ops.matrix_nms
        out, count, index = nms(boxes, scores, score_threshold=0.3,
                                post_threshold=0.2, nms_top_k=-1, keep_top_k=-1,
                                return_index=True)
        out2, count2, index2 = nms(boxes * 20, scores, score_threshold=0.1,
                                   post_threshold=0.05, nms_top_k=6, keep_top_k=10,
                                   use_gaussian=True, gaussian_sigma=1.5,
                                   background_label=-1, normalized=False,
                                   return_index=True)
        return out, index, count, out2, index2, count2


def jit_matrix_nms(out):
    """MatrixNms on any number of images of 12 boxes and 3 classes."""
    paddle.jit.save(MatrixNms(), os.path.join(out, "model"), input_spec=[
        InputSpec([None, 12, 4], "float32", "boxes"),
        InputSpec([None, 3, 12], "float32", "scores")])


def every_grid_sample(x, grid):
    """grid_sample of x at grid in every mode, padding mode and corner
    alignment."""
    return [paddle.nn.functional.grid_sample(x, grid, mode=mode, padding_mode=padding,
                                             align_corners=align)
            for mode in ("bilinear", "nearest")
            for padding in ("zeros", "border", "reflection")
            for align in (True, False)]


class GridSample(paddle.nn.Layer):
    """paddle.nn.functional.grid_sample of a conv's output at the points of
    a grid input (scaled to reach past the image's edges), in every mode,
    padding mode and corner alignment Paddle has for 4-D inputs."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 4, 3, padding=1)

    def forward(self, x, grid):
        F = paddle.nn.functional
        y = self.conv(x)
        return [F.grid_sample(y, grid * 2 - 1), *every_grid_sample(y, grid * 1.5)]


def jit_grid_sample(out):
    """GridSample on any batch and image size, grids of 6x4 points."""
    paddle.jit.save(GridSample(), os.path.join(out, "model"), input_spec=[
        InputSpec([None, 3, None, None], "float32", "x"),
        InputSpec([None, 6, 4, 2], "float32", "grid")])


class GridSampleVolume(paddle.nn.Layer):
    """paddle.nn.functional.grid_sample of a 5-D input (a volume) at the
    points of a grid input, scaled to reach past the volume's faces, in
    every mode, padding mode and corner alignment."""

    def forward(self, x, grid):
        F = paddle.nn.functional
        return [F.grid_sample(x, grid), *every_grid_sample(x, grid * 1.5)]


def jit_grid_sample_volume(out):
    """GridSampleVolume on any batch and volume size, grids of 3x4x2
    points."""
    paddle.jit.save(GridSampleVolume(), os.path.join(out, "model"), input_spec=[
        InputSpec([None, 2, None, None, None], "float32", "x"),
        InputSpec([None, 3, 4, 2, 3], "float32", "grid")])


class MatrixBits(paddle.nn.Layer):
    """Products (bmm, mv, dot), atan2, logsumexp (one axis and all), all
    and any, the bitwise ops on integers made from the input, numel and a
    mean of everything, on a Linear's output."""

    def __init__(self):
        super().__init__()
        self.lin = paddle.nn.Linear(6, 6)
        self.v = self.create_parameter(
            [6], default_initializer=paddle.nn.initializer.Uniform(-1, 1))

    def forward(self, x):
        y = self.lin(x)
        i, j = (x * 10).astype("int32"), (y * 10).astype("int32")
        return [paddle.bmm(x, y.transpose([0, 2, 1])),
                paddle.mv(y[0], self.v),
                paddle.dot(x[:, 0], y[:, 1]),
                paddle.atan2(x, y),
                paddle.logsumexp(y, axis=-1),
                paddle.logsumexp(y),
                paddle.all(x > 0, axis=1).astype("float32"),
                paddle.any(y > 0.5, axis=[0, 2], keepdim=True).astype("float32"),
                paddle.bitwise_and(i, j), paddle.bitwise_or(i, j),
                paddle.bitwise_xor(i, j), paddle.bitwise_not(i),
                paddle.numel(x), paddle.mean(y)]


def jit_matrix_bits(out):
    """MatrixBits on any batch of 4x6 inputs."""
    paddle.jit.save(MatrixBits(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 4, 6], "float32", "x")])


class IndexMoves(paddle.nn.Layer):
    """roll (some axes, and the flattened tensor), tril and triu, one_hot,
    index_sample, take_along_axis, gather_nd, unbind, unstack, eye and
    expand_as, on a Linear's output and an integer input `idx` (values
    below 4)."""

    def __init__(self):
        super().__init__()
        self.lin = paddle.nn.Linear(6, 6)

    def forward(self, x, idx):
        y = self.lin(x)
        outs = [paddle.roll(y, shifts=[1, -2], axis=[1, 2]), paddle.roll(y, shifts=3),
                paddle.tril(y, diagonal=1), paddle.triu(y, diagonal=-1),
                paddle.nn.functional.one_hot(idx[:, 0], num_classes=6),
                paddle.index_sample(y[:, 0], idx),
                paddle.take_along_axis(y, idx.unsqueeze(1).expand([-1, 4, -1]), axis=2),
                paddle.gather_nd(y, paddle.stack([idx[:, 0], idx[:, 1]], axis=-1).unsqueeze(1))]
        outs += list(paddle.unbind(y, axis=1))
        outs += list(paddle.unstack(y, axis=2))
        outs.append(paddle.eye(3, 5) + y[0, 0, 0])
        outs.append(paddle.expand_as(y[:, :1], y))
        return outs


def jit_index_moves(out):
    """IndexMoves on any batch of 4x6 inputs and 3 indices."""
    paddle.jit.save(IndexMoves(), os.path.join(out, "model"), input_spec=[
        InputSpec([None, 4, 6], "float32", "x"), InputSpec([None, 3], "int64", "idx")])


class WindowsAndShifts(paddle.nn.Layer):
    """dist (p = 2, 1, inf and 0), linspace, repeat_interleave, unfold with
    strides, dilations and uneven paddings, and temporal_shift (2 segments,
    both layouts) on a conv's output."""

    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 4, 3, padding=1)

    def forward(self, x):
        F = paddle.nn.functional
        y = self.conv(x)
        half = y * 0.5
        return [paddle.dist(y, half), paddle.dist(y, half, p=1),
                paddle.dist(y, half, p=float("inf")), paddle.dist(y, y.round(), p=0),
                paddle.linspace(-1.0, 2.0, 7) + y.mean(),
                paddle.repeat_interleave(y, 2, axis=1),
                F.unfold(y, kernel_sizes=[2, 3], strides=[2, 1], paddings=[1, 0, 2, 1],
                         dilations=[1, 2]),
                F.temporal_shift(y, seg_num=2, shift_ratio=0.25),
                F.temporal_shift(y.transpose([0, 2, 3, 1]), seg_num=2, shift_ratio=0.25,
                                 data_format="NHWC")]


def jit_windows_shifts(out):
    """WindowsAndShifts on any even batch and image size."""
    paddle.jit.save(WindowsAndShifts(), os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "x")])


class SsdPriors(paddle.nn.Layer):
    """SSD's prior boxes on two feature maps: max sizes, flipped ratios and
    clipping on one; the min-max order, explicit steps and an offset on the
    other."""

    def __init__(self):
        super().__init__()
        self.fine = paddle.nn.Conv2D(3, 8, 3, stride=4, padding=1)
        self.coarse = paddle.nn.Conv2D(3, 8, 3, stride=8, padding=1)

    def forward(self, image):
        priors = paddle.vision.ops.prior_box
        b1, v1 = priors(self.fine(image), image, min_sizes=[20.0, 40.0],
                        max_sizes=[40.0, 70.0], aspect_ratios=[2.0, 3.0],
                        variance=[0.1, 0.1, 0.2, 0.2], flip=True, clip=True)
        b2, v2 = priors(self.coarse(image), image, min_sizes=[50.0],
                        max_sizes=[90.0], aspect_ratios=[2.0], flip=False,
                        steps=[8.0, 8.0], offset=0.3,
                        min_max_aspect_ratios_order=True)
        return b1, v1, b2, v2


def jit_ssd_priors(out):
    """SsdPriors with any batch and image size."""
    net = SsdPriors()
    net.eval()
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec([None, 3, None, None], "float32", "image")])


CASES = {f.__name__: f for f in [jit_linear, jit_cross_entropy, jit_unique, jit_unique_axis,
                                  jit_topk_tensor, jit_integer_sorts, jit_long_sorts, jit_yolo_iou_aware, jit_affine_grid, jit_function, jit_dygraph_spec,
                                  jit_example_tensor, save_inference_model,
                                  static_training, jit_loss, model_save,
                                  jit_two_methods, jit_load_finetune,
                                  jit_transformer, jit_control_flow,
                                  jit_lstm, static_lstm, state_dicts,
                                  jit_conv_any_size, jit_depthwise_first,
                                  jit_data_movement, jit_small_side_transpose,
                                  jit_legacy_twins, jit_pir_fluid_twins, jit_legacy_expand, jit_fluid_extras,
                                  pir_fluid_extras, jit_fluid_resize, jit_set_value, jit_set_value_down, jit_scatter, jit_pool_with_index, jit_volumes, jit_einsum, jit_roi_align, jit_deformable, jit_pad_any_rank,
                                  jit_resize, jit_resize_extras, jit_ernie,
                                  jit_activations,
                                  jit_pir_twins, static_crnn, static_taggers,
                                  jit_taggers, jit_op_mix, jit_act_norm_mix, jit_selections,
                                  jit_box_coder,
                                  imperative_qat,
                                  jit_qat, static_quant_ops, static_data_norm, converted_qat,
                                  jit_linear_quant, static_linear_quant_ops,
                                  jit_tensor_shapes, jit_matrix_nms, jit_grid_sample, jit_grid_sample_volume,
                                  jit_yolo,
                                  jit_ssd_priors, jit_matrix_bits, jit_index_moves,
                                  jit_windows_shifts]}


def main():
    # CASE OUTDIR pairs; one process writes them all (importing Paddle is the
    # slow part).
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__)
    for case, out in zip(args[::2], args[1::2]):
        os.makedirs(out, exist_ok=True)
        paddle.seed(SEED)
        np.random.seed(SEED)
        # Each case as if alone: fresh names, a fresh scope, dynamic mode.
        with paddle.utils.unique_name.guard(), \
                paddle.static.scope_guard(paddle.static.Scope()):
            CASES[case](out)
        paddle.disable_static()


if __name__ == "__main__":
    main()
