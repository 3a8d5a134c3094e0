#!/usr/bin/env python3
"""A WebSocket client that sends frames exactly as given, for tests of a server's bad-input paths.

Usage: raw_websocket_client.py PORT OFFER FRAME...
  OFFER   the Sec-WebSocket-Extensions value to send ('' for none)
  FRAME   fin:rsv:opcode:hexpayload, e.g. 1:1:2:f248cdc9c90700 (masked before sending); rsv is
          a bit mask: 1 RSV1, 2 RSV2, 4 RSV3. 'sleep:SECONDS' waits before the next frame.

Prints 'HTTP STATUS' and stops when the server refuses the upgrade; otherwise the server's
Sec-WebSocket-Extensions answer, then one line per frame received
('data fin=1 rsv1=1 opcode=2 payload=...'), and 'close CODE' when the server closes. A send the
server refused (a reset or a broken pipe) prints 'send failed: ...' and ends the sending; what
the server sent is still read. Gives up after 10 seconds.
"""
import base64
import os
import socket
import struct
import sys
import time


def read_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def main():
    port, offer, frames = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    request = f"GET /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    request += f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
    if offer:
        request += f"Sec-WebSocket-Extensions: {offer}\r\n"
    sock.sendall((request + "\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += read_exact(sock, 1)
    status = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
    if status != "101":
        print("HTTP " + status)
        return
    answer = [line.split(b":", 1)[1].strip().decode() for line in head.split(b"\r\n") if line.lower().startswith(b"sec-websocket-extensions:")]
    print("extensions " + ", ".join(answer))
    for frame in frames:
        if frame.startswith("sleep:"):
            time.sleep(float(frame[len("sleep:"):]))
            continue
        fin, rsv, opcode, payload = frame.split(":")
        payload = bytes.fromhex(payload)
        rsv = int(rsv)
        first = (0x80 if fin == "1" else 0) | (0x40 if rsv & 1 else 0) | (0x20 if rsv & 2 else 0) | (0x10 if rsv & 4 else 0) | int(opcode)
        if len(payload) < 126:
            header = struct.pack("!BB", first, 0x80 | len(payload))
        elif len(payload) < 65536:
            header = struct.pack("!BBH", first, 0x80 | 126, len(payload))
        else:
            header = struct.pack("!BBQ", first, 0x80 | 127, len(payload))
        mask = os.urandom(4)
        try:
            sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        except OSError as error:
            print("send failed: %s" % error)
            break
    try:
        while True:
            first, second = read_exact(sock, 2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", read_exact(sock, 2))[0]
            elif length == 127:
                length = struct.unpack("!Q", read_exact(sock, 8))[0]
            payload = read_exact(sock, length)
            opcode = first & 0x0F
            if opcode == 8:
                print("close %d" % (struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005))
                return
            print("data fin=%d rsv1=%d opcode=%d payload=%s" % (first >> 7, (first >> 6) & 1, opcode, payload.hex()))
    except (EOFError, OSError) as error:
        print("ended without a close frame: %s" % error)


if __name__ == "__main__":
    main()
