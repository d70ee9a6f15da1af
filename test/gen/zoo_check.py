#!/usr/bin/env python3
"""Runs compiled zoo artifacts with pd-run and compares every output with the
zoo's golden output (ONNX Runtime's), relative to its largest magnitude.

  zoo_check.py ZOO ARTIFACT_DIR PD_RUN [--tol 1e-4]

ARTIFACT_DIR holds <model>.so/.pdiparams for each zoo model. Prints one line
per output and exits 1 on any mismatch or failure.
"""
import json
import os
import subprocess
import sys

import numpy as np
zoo = sys.argv[1]; art = sys.argv[2]; run = sys.argv[3]
tol = float(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[4] == '--tol' else 1e-4
ok = True
d = json.load(open(os.path.join(zoo, 'manifest.json')))
for c in d['cases']:
    m = c['model']; out = os.path.join(art, c['case']); os.makedirs(out, exist_ok=True)
    args = [run, os.path.join(art, m + '.so'), '--output-dir', out]
    for i in c['inputs']:
        args += ['--input', i['name'] + '=' + os.path.join(zoo, i['file'])]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode:
        print(c['case'], 'FAIL', r.stderr.strip())
        ok = False
        continue
    for o in c['outputs']:
        got = np.load(os.path.join(out, o['name'].replace('/', '_') + '.npy'))
        want = np.load(os.path.join(zoo, o['file']))
        err = np.abs(got - want).max() / max(np.abs(want).max(), 1e-30)
        print(c['case'], o['name'], got.shape, 'rel err %.2e' % err, 'ok' if err <= tol else 'MISMATCH')
        ok = ok and err <= tol
sys.exit(0 if ok else 1)
