#!/usr/bin/env python3
# Opens N half-sent requests to a queue server on 127.0.0.1:PORT (nine in ten heads that never end,
# one in ten bodies that never come) and reports how many the server still keeps open after 5, 12
# and 20 s. Usage: ulimit -n 20000; scripts/slowloris.py PORT 4000
import socket, sys, time, select
port = int(sys.argv[1]); n = int(sys.argv[2])
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /v1/tickets HTTP/1.1\r\nHost: x\r\nAuthori" if i % 10 else b"POST /v1/sync HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
    socks.append(s)
t0 = time.time()
print(f"{n} half-sent requests open")
open_ = set(socks)
for check in (5, 12, 20):
    while time.time() - t0 < check:
        poller = select.poll()
        byfd = {s.fileno(): s for s in open_}
        for fd in byfd: poller.register(fd, select.POLLIN)
        ready = poller.poll(500) if open_ else []
        for fd, _ in ready:
            s = byfd[fd]
            try:
                if s.recv(1) == b"": open_.discard(s)
            except OSError:
                open_.discard(s)
    print(f"after {check} s: {len(open_)} still open")
