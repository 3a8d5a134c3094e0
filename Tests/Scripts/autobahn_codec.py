#!/usr/bin/env python3
"""Drives Autobahn|Python's per-message compression codec objects in batch.

Used by the Swift interop tests (Tests/PerMessageCompressionTests/Interop/). One process
handles one parameter set and one direction: it reads a JSON job on stdin and writes a JSON
result on stdout.

Job:
    {
      "extension": "deflate" | "bzip2" | "snappy",
      "params": {                      # the parameters of the direction being coded
        "window_bits": 9..15,          # deflate (default 15)
        "mem_level": 1..9,             # deflate (default 8)
        "no_context_takeover": bool,   # deflate, snappy (default false)
        "level": 1..9                  # bzip2 (default 9)
      },
      "mode": "compress" | "decompress",
      "messages": ["hex", ...],        # messages to compress, or payloads to decompress
      "pieces": [[n, n, ...], ...]     # optional: per message, the sizes of the pieces it is
                                       # fed in (the last piece takes whatever is left)
    }

Result: {"results": ["hex", ...], "autobahn": "26.x"} or, when a message fails,
{"error": "text", "index": i} (exit status 1).

All messages of a job go through one codec object, in order, as on one connection. The
Autobahn object compresses as a client (is_server=False, so the client_* parameters bind its
compressor) and decompresses as a server (is_server=True, so the client_* parameters describe
the peer's compressor): in both modes the client_* parameters are the ones given in "params".
"""

import json
import sys

import autobahn
from autobahn.websocket.compress_bzip2 import PerMessageBzip2
from autobahn.websocket.compress_deflate import PerMessageDeflate
from autobahn.websocket.compress_snappy import PerMessageSnappy


def make_codec(extension, params, is_server):
    takeover_off = bool(params.get("no_context_takeover", False))
    if extension == "deflate":
        window_bits = int(params.get("window_bits", 15))
        return PerMessageDeflate(
            is_server,
            False,  # server_no_context_takeover: not the direction coded here
            takeover_off,
            15,  # server_max_window_bits: not the direction coded here
            window_bits,
            int(params.get("mem_level", 8)),
        )
    if extension == "bzip2":
        return PerMessageBzip2(is_server, 9, int(params.get("level", 9)))
    if extension == "snappy":
        return PerMessageSnappy(is_server, False, takeover_off)
    raise ValueError(f"unknown extension {extension!r}")


def split(data, sizes):
    """Yields the non-empty pieces of data (the last piece is whatever the sizes leave), or
    one empty piece for empty data. Autobahn's bzip2 decoder refuses even an empty piece after
    the end of the stream, so none is fed."""
    if not data:
        yield data
        return
    offset = 0
    for size in sizes or []:
        if offset >= len(data):
            return
        if size > 0:
            yield data[offset : offset + size]
            offset += size
    if offset < len(data):
        yield data[offset:]


def run(job):
    mode = job["mode"]
    codec = make_codec(job["extension"], job.get("params", {}), is_server=(mode == "decompress"))
    pieces = job.get("pieces") or []
    results = []
    for index, message_hex in enumerate(job["messages"]):
        data = bytes.fromhex(message_hex)
        sizes = pieces[index] if index < len(pieces) else None
        try:
            out = bytearray()
            if mode == "compress":
                codec.start_compress_message()
                for piece in split(data, sizes):
                    out += codec.compress_message_data(piece)
                out += codec.end_compress_message()
            elif mode == "decompress":
                codec.start_decompress_message()
                for piece in split(data, sizes):
                    out += codec.decompress_message_data(piece)
                codec.end_decompress_message()
            else:
                raise ValueError(f"unknown mode {mode!r}")
        except Exception as error:  # report which message failed, and how
            return {"error": f"{type(error).__name__}: {error}", "index": index}
        results.append(out.hex())
    return {"results": results, "autobahn": autobahn.__version__}


def main():
    job = json.load(sys.stdin)
    result = run(job)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
