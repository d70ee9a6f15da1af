#!/usr/bin/env python3
"""pd against ONNX Runtime and Paddle Inference on real architectures that
Paddle writes at run time: paddle.vision resnet50 and mobilenet_v3_small
(batch 1, 224x224, random weights) and a BERT-base-sized encoder (12
layers, hidden 768, 12 heads, feed-forward 3072, sequence 128).

  build/venv/bin/python bench/real_models.py [--build build] [--threads 1,2]
      [--rounds 5] [--budget 3.0] [--models resnet50,...] [--work DIR]

`./build.sh bench` installs what this needs (paddle2onnx among it) and runs
it after bench/cpu_vs_peers.py. Per model:
- Paddle writes it: the vision models with paddle.jit.save in the
  ProgramDesc format (.pdmodel), the encoder in Paddle 3's PIR format
  (.json: Paddle 3.3 cannot write its legacy program);
- pd: `pd-export --emit=cpu` (its wall time is the compile time), then
  `pd-run --threads T --bench K` (its medians, and its load time and peak
  RSS after loading, set against the parameter bytes);
- ONNX Runtime on paddle2onnx's conversion (opset 13);
- Paddle Inference on the saved model (oneDNN, T math threads).
Every engine's output is checked against Paddle Inference without oneDNN
first (within 1e-4 of its largest magnitude). Timing is interleaved as in
cpu_vs_peers.py: process CPU time at 1 thread, wall time at more.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpu_vs_peers import InProcess, PdRun, ROOT, cpu_model, interleaved, rel_err  # noqa: E402

import numpy as np  # noqa: E402

MODELS = {
    # name: (input shape, PIR?)
    "resnet50": ((1, 3, 224, 224), False),
    "mobilenet_v3_small": ((1, 3, 224, 224), False),
    "bert_base_encoder": ((1, 128, 768), True),
}


def write_model(name, out):
    """Runs in a child process (FLAGS_enable_pir_api set by the parent)."""
    import paddle
    from paddle.static import InputSpec
    paddle.seed(2026)
    if name == "resnet50":
        net = paddle.vision.models.resnet50()
    elif name == "mobilenet_v3_small":
        net = paddle.vision.models.mobilenet_v3_small()
    else:
        layer = paddle.nn.TransformerEncoderLayer(768, 12, 3072, dropout=0.1,
                                                  activation="gelu")
        net = paddle.nn.TransformerEncoder(layer, 12)
    net.eval()
    shape = [None] + list(MODELS[name][0][1:])
    paddle.jit.save(net, os.path.join(out, "model"),
                    input_spec=[InputSpec(shape, "float32", "x")])


def predictor(pi, program, params, threads, onednn):
    config = pi.Config(program, params)
    config.disable_glog_info()
    if onednn:
        config.enable_mkldnn()
    else:
        config.disable_mkldnn()
    config.set_cpu_math_library_num_threads(threads)
    return pi.create_predictor(config)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--budget", type=float, default=3.0,
                    help="seconds per engine and setting, over all rounds")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--work", default=None)
    ap.add_argument("--write", nargs=2, metavar=("MODEL", "DIR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write:
        return write_model(*args.write)

    try:
        import onnxruntime as ort
        import paddle
        import paddle.inference as pi
    except ImportError as e:
        sys.exit(f"real_models: {e}; run ./build.sh bench")
    p2o = os.path.join(os.path.dirname(sys.executable), "paddle2onnx")
    if not os.path.exists(p2o):
        sys.exit("real_models: paddle2onnx is not installed; run ./build.sh bench")
    threads = [int(t) for t in args.threads.split(",")]
    work = args.work or tempfile.mkdtemp(prefix="pd-real-")
    pd_export = os.path.join(args.build, "bin", "pd-export")
    pd_run = os.path.join(args.build, "bin", "pd-run")

    rows = []
    for name in args.models.split(","):
        shape, pir = MODELS[name]
        out = os.path.join(work, name)
        os.makedirs(out, exist_ok=True)
        env = dict(os.environ, FLAGS_enable_pir_api="1" if pir else "0")
        subprocess.run([sys.executable, os.path.abspath(__file__), "--write", name, out],
                       check=True, env=env, capture_output=True)
        program = os.path.join(out, "model.json" if pir else "model.pdmodel")
        params = os.path.join(out, "model.pdiparams")
        subprocess.run([p2o, "--model_dir", out, "--model_filename", os.path.basename(program),
                        "--params_filename", "model.pdiparams", "--save_file",
                        os.path.join(out, "model.onnx"), "--opset_version", "13"],
                       check=True, capture_output=True, env=env)
        t0 = time.perf_counter()
        subprocess.run([pd_export, program, "--emit=cpu", "-o", os.path.join(out, "pd"),
                        "--quiet"], check=True)
        compile_s = time.perf_counter() - t0

        x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
        x_path = os.path.join(out, "x.npy")
        np.save(x_path, x)
        ref_pred = predictor(pi, program, params, 1, onednn=False)
        ref_pred.get_input_handle(ref_pred.get_input_names()[0]).copy_from_cpu(x)
        ref_pred.run()
        want = ref_pred.get_output_handle(ref_pred.get_output_names()[0]).copy_to_cpu()

        engines, errors = {}, {}
        for t in threads:
            pd = PdRun(pd_run, os.path.join(out, "pd.so"), [("x", x_path)], t)
            out_dir = os.path.join(out, f"pd.{t}")
            os.makedirs(out_dir, exist_ok=True)
            pd.outputs(out_dir)
            got = np.load(os.path.join(out_dir, os.listdir(out_dir)[0]))
            errors[("pd", t)] = rel_err(got, want)
            engines[("pd", t)] = pd

            so = ort.SessionOptions()
            so.intra_op_num_threads = t
            so.inter_op_num_threads = 1
            sess = ort.InferenceSession(os.path.join(out, "model.onnx"), so,
                                        providers=["CPUExecutionProvider"])
            feeds = {sess.get_inputs()[0].name: x}
            errors[("ort", t)] = rel_err(sess.run(None, feeds)[0], want)
            engines[("ort", t)] = InProcess(lambda s=sess, f=feeds: s.run(None, f))

            pred = predictor(pi, program, params, t, onednn=True)
            pred.get_input_handle(pred.get_input_names()[0]).copy_from_cpu(x)
            pred.run()
            got = pred.get_output_handle(pred.get_output_names()[0]).copy_to_cpu()
            errors[("paddle", t)] = rel_err(got, want)
            engines[("paddle", t)] = InProcess(pred.run)
        wrong = {k for k, e in errors.items() if e > 1e-4}
        for engine, t in sorted(wrong):
            print(f"{name}: {engine} at {t} thread(s) is off Paddle's output "
                  f"(relative error {errors[(engine, t)]:.2g}); not timed", file=sys.stderr)
        timed = {k: v for k, v in engines.items() if k not in wrong}

        figures = interleaved(timed, args.rounds, args.budget, least=2, most=2000)

        # Loading: pd-run's own report, one thread, one run.
        r = subprocess.run([pd_run, os.path.join(out, "pd.so"), "--threads", "1",
                            "--input", f"x={x_path}", "--bench", "1"],
                           check=True, capture_output=True, text=True)
        load = re.search(r"load: ([0-9.]+) ms, peak RSS after load ([0-9.]+) MiB", r.stdout)
        param_mib = os.path.getsize(os.path.join(out, "pd.pdiparams")) / 2 ** 20
        rows.append((name, compile_s, float(load.group(1)), float(load.group(2)),
                     param_mib, figures, errors))
        print(f"{name}: compile {compile_s:.1f} s, " +
              ", ".join(f"{e} {t}t {v:.4g} ms" for (e, t), v in figures.items()),
              file=sys.stderr, flush=True)

    rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip() or "?"
    print(f"pd {rev}; onnxruntime {ort.__version__} on paddle2onnx's conversion; "
          f"paddlepaddle {paddle.__version__} (Paddle Inference, oneDNN); {cpu_model()}, "
          f"{os.cpu_count()} CPUs. Median of {args.rounds} interleaved chunk medians, "
          f"ms per run (batch 1): process CPU time at 1 thread, wall time at more.\n")
    for t in threads:
        print(f"{t} thread{'s' if t > 1 else ''}:\n")
        print("| model | pd ms | ORT ms | Paddle ms | pd/ORT | pd/Paddle |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, *_, figures, _ in rows:
            def cell(engine):
                v = figures.get((engine, t))
                return f"{v:.4g}" if v is not None else "wrong"

            def ratio(engine):
                if ("pd", t) in figures and (engine, t) in figures:
                    return f"{figures[('pd', t)] / figures[(engine, t)]:.2f}"
                return "–"
            print(f"| {name} | {cell('pd')} | {cell('ort')} | {cell('paddle')} | "
                  f"{ratio('ort')} | {ratio('paddle')} |")
        print()
    print("Compiling and loading (pd):\n")
    print("| model | pd-export --emit=cpu s | parameters MiB | load ms | peak RSS after load MiB |")
    print("|---|---:|---:|---:|---:|")
    for name, compile_s, load_ms, rss, param_mib, *_ in rows:
        print(f"| {name} | {compile_s:.1f} | {param_mib:.1f} | {load_ms:.0f} | {rss:.0f} |")
    worst = max(max(r[-1].values()) for r in rows) if rows else 0
    print(f"\nLargest relative error against Paddle's output, any engine: {worst:.2g}")


if __name__ == "__main__":
    main()
