#!/usr/bin/env python3
"""Kills pd-export at random moments while it replaces an earlier export, and
checks what a reader would see after each kill.

  kill_export.py PD_EXPORT OLD_INPUT NEW_INPUT WORKDIR EMIT KILLS

The output WORKDIR/out (a prefix, or a folder for --emit=legacy) first holds
OLD_INPUT's export; each round starts exporting NEW_INPUT over it and sends
SIGKILL after a random delay. After each kill the output must be all old or
all new (for a prefix: any program file present belongs with the other
files present; for a folder: exactly the old or the new folder, or none).
At the end a full export must remove what the killed ones left beside the
output (no *.tmp-* or *.old-* remains) and nothing of pd's may be left in
the temporary folder. Prints one line per round and a summary; exits 1 on
any violation.
"""
import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def snapshot(path, emit):
    """{relative name: bytes} of an output."""
    files = {}
    if emit == "legacy":
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                with open(os.path.join(path, name), "rb") as f:
                    files[name] = f.read()
        return files
    for name in glob.glob(glob.escape(path) + ".*"):
        suffix = name[len(path):]
        if ".tmp-" in suffix or ".old-" in suffix:
            continue
        with open(name, "rb") as f:
            files[suffix] = f.read()
    return files


def main():
    pd_export, old_input, new_input, work, emit, kills = sys.argv[1:7]
    kills = int(kills)
    random.seed(20261201)
    out = os.path.join(work, "out")
    primary = {"pdmodel": ".pdmodel", "cpu": ".so", "json": ".json"}.get(emit)

    def export(model, target):
        subprocess.run([pd_export, model, "--emit=" + emit, "-o", target, "--quiet"],
                       check=True)

    export(old_input, os.path.join(work, "ref_old"))
    export(new_input, os.path.join(work, "ref_new"))
    old = snapshot(os.path.join(work, "ref_old"), emit)
    new = snapshot(os.path.join(work, "ref_new"), emit)
    assert old != new, "the two inputs must export differently"
    # The time one export takes, to spread the kills over it.
    start = time.monotonic()
    export(new_input, os.path.join(work, "timing"))
    duration = time.monotonic() - start

    temp_before = set(os.listdir(tempfile.gettempdir()))
    bad = 0
    seen = {"old": 0, "new": 0, "none": 0, "partial": 0}
    for round_ in range(kills):
        if emit == "legacy":
            shutil.rmtree(out, ignore_errors=True)
        export(old_input, out)
        process = subprocess.Popen(
            [pd_export, new_input, "--emit=" + emit, "-o", out, "--quiet"])
        time.sleep(random.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(out, emit)
        if now == old:
            state = "old"
        elif now == new:
            state = "new"
        elif not now:
            state = "none"
        elif primary and primary not in now and all(
                now[k] in (old.get(k), new.get(k)) for k in now):
            # The program went first: no reader takes the rest for a model.
            state = "partial"
        else:
            state = "MIXED"
            bad += 1
            print(f"round {round_}: a mix of old and new files: {sorted(now)}")
        if state != "MIXED":
            seen[state] += 1

    export(new_input, out)
    left = [n for n in os.listdir(work) if ".tmp-" in n or ".old-" in n]
    if left:
        bad += 1
        print("stale temporaries after a full export:", left)
    ours = [n for n in set(os.listdir(tempfile.gettempdir())) - temp_before
            if n.startswith("pd-")]
    if ours:
        bad += 1
        print("left in the temporary folder:", ours)
    print(f"{kills} kills of --emit={emit}: old {seen['old']}, new {seen['new']}, "
          f"none {seen['none']}, program not yet in place {seen['partial']}, "
          f"mixed {bad and 'SOME' or 0}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
