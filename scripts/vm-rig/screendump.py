#!/usr/bin/env python3
"""Answers the guest's screendump requests during a rig boot.

A scenario prints `RIG-SCREENDUMP NAME` on the serial console; this takes QEMU's `screendump` of the
guest display through QMP into OUT_DIR/NAME.ppm and then creates OUT_DIR/NAME.done, which the guest
sees through its 9p mount of OUT_DIR. Ends at `RIG-DONE` or when QEMU closes the QMP socket.

usage: screendump.py QMP_SOCKET CONSOLE_LOG OUT_DIR
"""
import json
import os
import re
import select
import socket
import sys
import time


def wait_for(what, probe, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.02)
    sys.exit(f"screendump.py: timed out waiting for {what}")


def connect(path):
    def attempt():
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(path)
            return sock
        except OSError:
            return None
    return wait_for(f"QMP at {path}", attempt)


class QMP:
    def __init__(self, path):
        self.reader = connect(path).makefile("rwb", buffering=0)
        self.reply()  # the greeting
        self.execute("qmp_capabilities")

    def reply(self):
        while True:
            line = self.reader.readline()
            if not line:
                raise EOFError("QEMU closed the QMP socket")
            message = json.loads(line)
            if "event" not in message:
                return message

    def execute(self, command, **arguments):
        self.reader.write(json.dumps({"execute": command, "arguments": arguments}).encode() + b"\n")
        message = self.reply()
        if "error" in message:
            raise RuntimeError(f"{command}: {message['error']}")
        return message["return"]


def main():
    qmp_path, log_path, out = sys.argv[1:4]
    qmp = QMP(qmp_path)
    log = open(wait_for(log_path, lambda: os.path.exists(log_path) and log_path), "rb")
    pending = b""
    while True:
        chunk = log.read()
        if not chunk:
            # Nothing new on the console: wait on QMP, which ends when QEMU exits (or is killed).
            if select.select([qmp.reader], [], [], 0.02)[0] and not qmp.reader.readline():
                return
            continue
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line == "RIG-DONE":
                return
            match = re.fullmatch(r"RIG-SCREENDUMP ([a-z0-9-]+)", line)
            if match:
                name = match.group(1)
                qmp.execute("screendump", filename=os.path.join(out, name + ".ppm"))
                open(os.path.join(out, name + ".done"), "w").close()


if __name__ == "__main__":
    try:
        main()
    except (EOFError, ConnectionError):
        pass
