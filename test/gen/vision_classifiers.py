#!/usr/bin/env python3
"""Writes paddle.vision.models classifiers (random weights, nothing
downloaded) with paddle.jit.save, for pd's tests.

  vision_classifiers.py OUTDIR NAME [NAME ...]

Each model goes to OUTDIR/NAME/model.*: a ProgramDesc `.pdmodel` with
FLAGS_enable_pir_api=0, a PIR `.json` with FLAGS_enable_pir_api=1. The input
is InputSpec([None, 3, None, None]): any batch and image size from one
artifact. shufflenet_v2_x1_0 is the exception: its channel shuffle reshapes
to the feature map's height and width, which Paddle's to_static needs
known, so its spec is [None, 3, 224, 224].
"""
import os
import sys

import paddle
import paddle.vision.models as models
from paddle.static import InputSpec

SEED = 20261122
STATIC_SIZE = {"shufflenet_v2_x1_0": 224}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, names = sys.argv[1], sys.argv[2:]
    for name in names:
        paddle.seed(SEED)
        with paddle.utils.unique_name.guard():
            net = getattr(models, name)(pretrained=False)
            net.eval()
            size = STATIC_SIZE.get(name)
            spec = InputSpec([None, 3, size, size], "float32", "x")
            paddle.jit.save(net, os.path.join(out, name, "model"),
                            input_spec=[spec])


if __name__ == "__main__":
    main()
