#!/usr/bin/python3
# first-frame-stamp.py TEXT READY — reads a tmux pane's output (tmux
# pipe-pane -O) and prints the wall-clock time at which TEXT first appears in
# it, escape sequences removed; then reads on, so that tmux never writes into
# a closed pipe. The benchmark compares that time with the one taken before
# exec. READY is created once this process reads: the benchmark starts the
# program only then, so that Python's own start-up (some 20 ms) is never
# taken for the program's.
import os
import re
import sys
import time

marker = sys.argv[1].encode()
escape = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b.|[\x0e\x0f]")
seen = b""
open(sys.argv[2], "w").close()
while True:
    data = os.read(0, 65536)
    if not data:
        break
    seen += data
    if marker in escape.sub(b"", seen):
        print("%.6f" % time.time(), flush=True)
        break
while os.read(0, 65536):
    pass
