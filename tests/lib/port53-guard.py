#!/usr/bin/env python3
"""port53-guard.py COUNTFILE — holds 127.0.0.1:53 (UDP and TCP) in the host's
network namespace while `./dev test` runs, and counts every datagram and
connection that arrives: the labs run in namespaces of their own, so a test
that reaches this port has asked the host instead of its lab.

Writes the count to COUNTFILE (0 once both sockets are bound, then after
every event), answers nothing. Exits 3 when the port is already taken (a
system service holds it), 0 on SIGTERM.
"""
import os
import selectors
import signal
import socket
import sys

ADDR = ("127.0.0.1", 53)


def write_count(path, count):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % count)
    os.replace(tmp, path)


def bind_both():
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # TCP only: a guard of a run before may leave TIME_WAIT behind; a
    # listening service still keeps the port from us.
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        udp.bind(ADDR)
        tcp.bind(ADDR)
    except OSError as e:
        print("port53-guard: 127.0.0.1:53: %s" % e.strerror, file=sys.stderr)
        sys.exit(3)
    tcp.listen(16)
    return udp, tcp


def main():
    if len(sys.argv) != 2:
        print("usage: port53-guard.py COUNTFILE", file=sys.stderr)
        return 64
    path = sys.argv[1]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    udp, tcp = bind_both()
    sel = selectors.DefaultSelector()
    sel.register(udp, selectors.EVENT_READ)
    sel.register(tcp, selectors.EVENT_READ)
    count = 0
    write_count(path, count)
    while True:
        for key, _ in sel.select():
            if key.fileobj is udp:
                udp.recvfrom(65535)
            else:
                conn, _ = tcp.accept()
                conn.close()
            count += 1
            write_count(path, count)


if __name__ == "__main__":
    sys.exit(main())
