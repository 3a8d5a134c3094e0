#!/usr/bin/env python3
"""Control requests to a running `wstest -m fuzzingserver`, with a tiny WebSocket client of
the standard library only (no compression, text messages only, one connection per request).

    fuzzing_control.py wait           BASE_URL [--timeout S]   until the server answers
    fuzzing_control.py case-count     BASE_URL [--timeout S]   prints the number of cases
    fuzzing_control.py case-info      BASE_URL --case N        prints the case id ("12.1.3")
    fuzzing_control.py case-status    BASE_URL --case N --agent A   prints the case's behavior
                                      once the server has logged it (waits up to --timeout)
    fuzzing_control.py update-reports BASE_URL --agent A [--shutdown]   writes the reports
                                      (index.json ...) and, with --shutdown, stops the server

BASE_URL is ws://HOST:PORT (no path). Exit status 0 on success, 1 on a failed request,
3 on a timeout.
"""
import argparse
import base64
import json
import os
import socket
import struct
import sys
import time
import urllib.parse


class ControlError(Exception):
    pass


class _Reader:
    """Buffered reads from a socket: the server may send its first frame in the same segment
    as the end of its handshake."""

    def __init__(self, sock, data=b""):
        self.sock, self.buffer = sock, bytearray(data)

    def exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ControlError("connection closed by the server")
            self.buffer += chunk
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data


def _send_frame(sock, opcode, payload=b""):
    header = bytearray([0x80 | opcode])
    n = len(payload)
    if n < 126:
        header.append(0x80 | n)
    elif n < 1 << 16:
        header.append(0x80 | 126)
        header += struct.pack("!H", n)
    else:
        header.append(0x80 | 127)
        header += struct.pack("!Q", n)
    mask = os.urandom(4)
    header += mask
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    sock.sendall(bytes(header) + masked)


def _read_frame(reader):
    b0, b1 = reader.exact(2)
    fin, opcode, n = b0 & 0x80, b0 & 0x0F, b1 & 0x7F
    if n == 126:
        (n,) = struct.unpack("!H", reader.exact(2))
    elif n == 127:
        (n,) = struct.unpack("!Q", reader.exact(8))
    mask = reader.exact(4) if b1 & 0x80 else None
    payload = reader.exact(n)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bool(fin), opcode, payload


def request(base_url, path, params, timeout):
    """Opens ws://HOST:PORT/path?params, returns the text messages received until the server
    closed the connection."""
    url = urllib.parse.urlsplit(base_url)
    if url.scheme != "ws" or not url.hostname:
        raise ControlError("expected ws://HOST:PORT, got %r" % base_url)
    host, port = url.hostname, url.port or 80
    resource = path + ("?" + urllib.parse.urlencode(params) if params else "")
    deadline = time.monotonic() + timeout
    sock = socket.create_connection((host, port), timeout=timeout)
    try:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((
            "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
            % (resource, host, port, key)).encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = sock.recv(4096)
            if not chunk:
                raise ControlError("connection closed during the handshake")
            response += chunk
        head, rest = response.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status + b" ":
            raise ControlError("handshake refused: %s" % status.decode(errors="replace"))
        reader = _Reader(sock, rest)
        messages, fragments = [], []
        while True:
            sock.settimeout(max(0.1, deadline - time.monotonic()))
            fin, opcode, payload = _read_frame(reader)
            if opcode in (0x1, 0x2, 0x0):
                fragments.append(payload)
                if fin:
                    messages.append(b"".join(fragments).decode("utf-8"))
                    fragments = []
            elif opcode == 0x8:
                try:
                    _send_frame(sock, 0x8, payload[:2])
                except OSError:
                    pass
                return messages
            elif opcode == 0x9:
                _send_frame(sock, 0xA, payload)
    finally:
        sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["wait", "case-count", "case-info", "case-status",
                                            "update-reports"])
    parser.add_argument("base_url")
    parser.add_argument("--agent")
    parser.add_argument("--case", type=int)
    parser.add_argument("--shutdown", action="store_true")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    try:
        if args.command == "wait":
            deadline = time.monotonic() + args.timeout
            while True:
                try:
                    request(args.base_url, "/getCaseCount", None, 5)
                    return 0
                except (OSError, ControlError):
                    if time.monotonic() > deadline:
                        print("fuzzing_control: %s did not answer within %g s"
                              % (args.base_url, args.timeout), file=sys.stderr)
                        return 3
                    time.sleep(0.2)
        if args.command == "case-count":
            messages = request(args.base_url, "/getCaseCount", None, args.timeout)
            print(int(json.loads(messages[0])))
        elif args.command == "case-info":
            messages = request(args.base_url, "/getCaseInfo", {"case": args.case}, args.timeout)
            print(json.loads(messages[0])["id"])
        elif args.command == "case-status":
            if not args.agent or not args.case:
                parser.error("case-status needs --case and --agent")
            messages = request(args.base_url, "/getCaseStatus",
                               {"case": args.case, "agent": args.agent}, args.timeout)
            print(json.loads(messages[0])["behavior"])
        elif args.command == "update-reports":
            if not args.agent:
                parser.error("update-reports needs --agent")
            params = {"agent": args.agent}
            if args.shutdown:
                params["shutdownOnComplete"] = "true"
            request(args.base_url, "/updateReports", params, args.timeout)
        return 0
    except socket.timeout:
        print("fuzzing_control: %s timed out after %g s" % (args.command, args.timeout),
              file=sys.stderr)
        return 3
    except (OSError, ControlError, ValueError, IndexError, KeyError) as error:
        print("fuzzing_control: %s failed: %s" % (args.command, error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
