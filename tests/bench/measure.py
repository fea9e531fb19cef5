#!/usr/bin/env python3
"""Whole-process measurement for the benchmarks: runs several commands in turn
(A B C A B C ...), each in a fresh process, and prints for each the median wall
time, the median CPU time (user + system), the largest peak RSS and the bytes it
wrote (the size of its output file or folder).  Figures only, never a pass/fail.

  measure.py [-n RUNS] [--json FILE] -- LABEL OUTPUT CMD... [-- LABEL OUTPUT CMD...]

OUTPUT is removed before every run (a folder or a file); "+PATH" keeps PATH
between runs and reports its size (a pack that `--only` rebuilds); "-" for none.
Give an environment with `env VAR=value cmd`.
"""
import json
import os
import shutil
import statistics
import sys
import time


def run_once(cmd, out):
    if out != "-" and not out.startswith("+"):
        if os.path.isdir(out):
            shutil.rmtree(out)
        elif os.path.exists(out):
            os.unlink(out)
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, code


def size_of(out):
    out = out[1:] if out.startswith("+") else out
    if out == "-" or not os.path.exists(out):
        return 0
    if os.path.isfile(out):
        return os.path.getsize(out)
    total = 0
    for root, _, files in os.walk(out):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def main(argv):
    runs = 7
    json_out = None
    i = 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "-n":
            runs = int(argv[i + 1])
            i += 2
        elif argv[i] == "--json":
            json_out = argv[i + 1]
            i += 2
        else:
            sys.exit("measure.py: unknown option " + argv[i])
    specs = []
    cur = None
    for a in argv[i:]:
        if a == "--":
            cur = []
            specs.append(cur)
        else:
            cur.append(a)
    specs = [(s[0], s[1], s[2:]) for s in specs if len(s) >= 3]
    res = {label: [] for label, _, _ in specs}
    codes = {label: 0 for label, _, _ in specs}
    for _ in range(runs):
        for label, out, cmd in specs:
            wall, cpu, rss, code = run_once(cmd, out)
            res[label].append((wall, cpu, rss))
            codes[label] = codes[label] or code
    report = {}
    for label, out, _ in specs:
        r = res[label]
        report[label] = {
            "wall": statistics.median(x[0] for x in r),
            "cpu": statistics.median(x[1] for x in r),
            "rss_kib": max(x[2] for x in r),
            "bytes": size_of(out),
            "exit": codes[label],
            "runs": len(r),
        }
        m = report[label]
        print("%-34s median wall %7.3f s  cpu %7.3f s  peak RSS %5.1f MiB  %9d bytes%s"
              % (label, m["wall"], m["cpu"], m["rss_kib"] / 1024, m["bytes"],
                 "" if m["exit"] == 0 else "  (exit %d)" % m["exit"]))
    if json_out:
        with open(json_out, "w") as f:
            json.dump(report, f)


if __name__ == "__main__":
    main(sys.argv[1:])
