#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets in Fuzz/Targets/ into DIR/<Target>/.

Seeds come from the shipped Datasets/ (the first lines of each file, compressed with Python's
zlib, bz2 and, when installed, python-snappy) and from RFC 7692's examples. Each seed starts
with the bytes the target reads first (configuration, cuts: Fuzz/Support/FuzzInput.swift), so
the fuzzer starts from inputs that decode.

    python3 Fuzz/make-seeds.py .build-fuzz/seeds
"""
import bz2
import os
import struct
import sys
import zlib

try:
    import snappy  # python-snappy, which .ci/setup installs
except ImportError:
    snappy = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINES_PER_FILE = 6


def dataset_messages():
    """The first lines of every dataset, as bytes (hexlines decoded)."""
    folder = os.path.join(ROOT, "Datasets")
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".ndjson"):
            with open(path, "rb") as f:
                for _, line in zip(range(LINES_PER_FILE), f):
                    yield name, line.rstrip(b"\n")
        elif name.endswith(".hexlines"):
            with open(path) as f:
                for _, line in zip(range(LINES_PER_FILE), f):
                    yield name, bytes.fromhex(line.strip())


def deflate_messages(messages, wbits=15, level=-1, takeover=True):
    """RFC 7692 payloads: raw deflate, sync flush, trailing 00 00 ff ff removed."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -wbits)
    payloads = []
    for message in messages:
        if not takeover:
            compressor = zlib.compressobj(level, zlib.DEFLATED, -wbits)
        data = compressor.compress(message) + compressor.flush(zlib.Z_SYNC_FLUSH)
        assert data.endswith(b"\x00\x00\xff\xff")
        payloads.append(data[:-4])
    return payloads


CRC32C_TABLE = []
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    CRC32C_TABLE.append(c)


def masked_crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = CRC32C_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    crc ^= 0xFFFFFFFF
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def snappy_frame(message, identifier=True):
    """A snappy framing-format stream: compressed chunks with python-snappy, else uncompressed ones."""
    out = b"\xff\x06\x00\x00sNaPpY" if identifier else b""
    for start in range(0, max(len(message), 1), 65536):
        chunk = message[start:start + 65536]
        crc = struct.pack("<I", masked_crc32c(chunk))
        if snappy is not None:
            body, kind = crc + snappy.compress(chunk), 0x00
        else:
            body, kind = crc + chunk, 0x01
        out += bytes([kind]) + struct.pack("<I", len(body))[:3] + body
    return out


def cuts_for(lengths):
    """FuzzInput.payloadAndCuts's header: a cut ending a message after each length but the last."""
    positions, total = [], 0
    for length in lengths[:-1]:
        total += length
        positions.append(total)
    positions = positions[:7]
    return bytes([len(positions)]) + b"".join(struct.pack("<H", 0x8000 | p) for p in positions)


def write(directory, target, name, data):
    folder = os.path.join(directory, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main(directory):
    messages = list(dataset_messages())
    texts = [m for _, m in messages]

    # --- ExtensionHeaderFuzz: byte 0 (bit 7: carry "Hello"), then the header.
    headers = [
        "permessage-deflate",
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; client_no_context_takeover; client_max_window_bits, permessage-bzip2; client_max_compress_level=9",
        "permessage-deflate; server_max_window_bits=10; server_no_context_takeover",
        "permessage-deflate; client_max_window_bits=8; server_max_window_bits=\"12\"",
        "permessage-deflate; client_max_window_bits=15; server_max_window_bits=8",
        "permessage-bzip2; server_max_compress_level=1; client_max_compress_level",
        "permessage-snappy; client_no_context_takeover; server_no_context_takeover",
        "permessage-snappy, permessage-deflate; client_max_window_bits, x-webkit-deflate-frame",
        "  , permessage-deflate ;\tserver_no_context_takeover ,, permessage-snappy",
        "permessage-deflate; server_max_window_bits=010",
        "permessage-deflate; foo=\"b\\\"ar\"",
    ]
    for index, header in enumerate(headers):
        write(directory, "ExtensionHeaderFuzz", f"header-{index:02}", b"\x80" + header.encode())
        write(directory, "ExtensionHeaderFuzz", f"header-split-{index:02}", bytes([0x80 | 20]) + header.encode())

    # --- DeflateDecoderFuzz: config byte (bit 0 no takeover, bits 1-3 window-8, bit 4
    # libdeflate, bits 5-6 limit: 2 → 64 KiB), then cuts, then the payload.
    w15 = 7 << 1
    limit64k = 2 << 5
    rfc7692 = {
        "rfc7692-hello": b"\xf2\x48\xcd\xc9\xc9\x07\x00",
        "rfc7692-hello-bfinal": b"\xf3\x48\xcd\xc9\xc9\x07\x00\x00",
        "rfc7692-hello-stored": b"\x00\x05\x00\xfa\xff\x48\x65\x6c\x6c\x6f\x00",
        "rfc7692-empty": b"\x00",
    }
    for name, payload in rfc7692.items():
        write(directory, "DeflateDecoderFuzz", name, bytes([w15 | limit64k, 0]) + payload)
        write(directory, "DeflateDecoderFuzz", name + "-libdeflate", bytes([w15 | limit64k | 0x11, 0]) + payload)
    # "Hello" twice with context takeover (RFC 7692 §7.2.3.2), and fragmented (§7.2.3.1).
    twice = [b"\xf2\x48\xcd\xc9\xc9\x07\x00", b"\xf2\x00\x11\x00\x00"]
    write(directory, "DeflateDecoderFuzz", "rfc7692-hello-twice", bytes([w15 | limit64k]) + cuts_for([7, 5]) + b"".join(twice))
    write(directory, "DeflateDecoderFuzz", "rfc7692-hello-fragmented",
          bytes([w15 | limit64k, 1]) + struct.pack("<H", 3) + b"\xf2\x48\xcd\xc9\xc9\x07\x00")
    for name in sorted({n for n, _ in messages}):
        group = [m for n, m in messages if n == name]
        for wbits in (9, 15):
            payloads = deflate_messages(group, wbits=wbits)
            config = ((wbits - 8) << 1) | limit64k
            write(directory, "DeflateDecoderFuzz", f"{name}-w{wbits}-takeover",
                  bytes([config]) + cuts_for([len(p) for p in payloads]) + b"".join(payloads))
            payloads = deflate_messages(group, wbits=wbits, takeover=False)
            write(directory, "DeflateDecoderFuzz", f"{name}-w{wbits}-no-takeover",
                  bytes([config | 1]) + cuts_for([len(p) for p in payloads]) + b"".join(payloads))

    # --- Bzip2DecoderFuzz: limit byte (2 → 64 KiB), cuts, payload.
    for name in sorted({n for n, _ in messages}):
        group = [m for n, m in messages if n == name][:3]
        payloads = [bz2.compress(m, 1) for m in group]
        write(directory, "Bzip2DecoderFuzz", name, bytes([2]) + cuts_for([len(p) for p in payloads]) + b"".join(payloads))
    write(directory, "Bzip2DecoderFuzz", "empty-message", bytes([2, 0]) + bz2.compress(b""))

    # --- SnappyDecoderFuzz: config byte (bit 0 no takeover, bits 1-2 limit: 2 → 64 KiB).
    for name in sorted({n for n, _ in messages}):
        group = [m for n, m in messages if n == name][:3]
        # With takeover the identifier comes once; without, every message has it.
        payloads = [snappy_frame(m, identifier=(i == 0)) for i, m in enumerate(group)]
        write(directory, "SnappyDecoderFuzz", name + "-takeover", bytes([4]) + cuts_for([len(p) for p in payloads]) + b"".join(payloads))
        payloads = [snappy_frame(m) for m in group]
        write(directory, "SnappyDecoderFuzz", name + "-no-takeover", bytes([5]) + cuts_for([len(p) for p in payloads]) + b"".join(payloads))
    write(directory, "SnappyDecoderFuzz", "hello", bytes([4, 0]) + snappy_frame(b"Hello"))

    # --- RoundTripFuzz: choice (bits 0-1 extension: 0 deflate, 1 bzip2, 2 snappy; bit 2 no
    # takeover), parameters, more, receiver cut, then cuts and the messages.
    for index, (name, _) in enumerate(sorted({(n, 0) for n, _ in messages})):
        group = [m for n, m in messages if n == name][:4]
        body = cuts_for([len(m) for m in group]) + b"".join(group)
        for choice, parameters, more in ((0x00, 0x3F, 0x07), (0x04, 0xBF, 0x17), (0x01, 0x00, 0), (0x02, 0, 0), (0x06, 0, 0)):
            write(directory, "RoundTripFuzz", f"{name}-{choice:02x}", bytes([choice, parameters, more, 100]) + body)

    # --- FramePathFuzz (Fuzz/FramePath): choice (bits 0-1 extension: 0 deflate, 1 bzip2,
    # 2 snappy, 3 deflate read by libdeflate; bit 2 no takeover; bit 3 the server receives,
    # masked; bits 4-5 limit: 2 → 64 KiB; bit 6 message mode), parameters (deflate: bits 0-2
    # window - 8, bits 3-6 level + 1).
    # Message mode: framing (bits 0-2 frame cuts, then that many bytes of 255ths; bit 3 binary;
    # bit 4 a ping inside; bit 5 every second message uncompressed), then cuts and the messages,
    # which the target compresses itself.
    message_mode = 0x40 | (2 << 4)
    fractions = {1: [128], 2: [60, 200], 3: [0, 100, 255]}
    for index, name in enumerate(sorted({n for n, _ in messages})):
        group = [m for n, m in messages if n == name][:3]
        body = cuts_for([len(m) for m in group]) + b"".join(group)
        extension = index % 4
        for no_takeover, role in ((0, 0), (4, 8), (0, 8), (4, 0)):
            cuts = 1 + (index + role // 8) % 3
            framing = cuts | (0x10 if no_takeover else 0) | (0x20 if role else 0) | (0x08 if index % 2 else 0)
            write(directory, "FramePathFuzz", f"{name}-messages-e{extension}-{no_takeover | role:x}",
                  bytes([message_mode | extension | no_takeover | role, 0x3F, framing] + fractions[cuts]) + body)
    # Frame mode: per frame flags (bits 0-1: 0 continuation, 1 text, 2 binary; bit 2 FIN; bit 3
    # RSV1) and a cut, then the payloads, compressed here: what a peer's frames carry.
    text_first, continuation, last = 0x01 | 0x08, 0x00, 0x04

    def frames(choice, parameters, payloads, flags):
        header, position = bytes([len(payloads) - 1]), 0
        for payload, flag in zip(payloads, flags):
            position += len(payload)
            header += bytes([flag]) + struct.pack("<H", position)
        return bytes([(2 << 4) | choice, parameters]) + header + b"".join(payloads)

    def fragments(payload, count):
        step = max(1, len(payload) // count)
        parts = [payload[i * step:(i + 1) * step] for i in range(count - 1)]
        return parts + [payload[(count - 1) * step:]]

    def message_flags(count):
        return [text_first | (last if count == 1 else 0)] + [continuation] * (count - 2) + [continuation | last] * (count > 1)

    # RFC 7692 §7.2.3.1: "Hello" compressed, in two frames (window 15: parameters 7).
    hello = b"\xf2\x48\xcd\xc9\xc9\x07\x00"
    write(directory, "FramePathFuzz", "rfc7692-hello-fragmented", frames(0, 7, [hello[:3], hello[3:]], message_flags(2)))
    write(directory, "FramePathFuzz", "rfc7692-hello-fragmented-server", frames(8, 7, [hello[:3], hello[3:]], message_flags(2)))
    write(directory, "FramePathFuzz", "rfc7692-hello-twice", frames(0, 7, [hello, b"\xf2\x00\x11\x00\x00"], [text_first | last] * 2))
    for name in sorted({n for n, _ in messages}):
        group = [m for n, m in messages if n == name][:3]
        payloads, flags = [], []
        for payload in deflate_messages(group, wbits=15):
            parts = fragments(payload, 3)
            payloads += parts
            flags += message_flags(len(parts))
        write(directory, "FramePathFuzz", f"{name}-frames-deflate", frames(0, 7, payloads, flags))
        payloads, flags = [], []
        for payload in deflate_messages(group, wbits=15, takeover=False):
            parts = fragments(payload, 2)
            payloads += parts
            flags += message_flags(len(parts))
        write(directory, "FramePathFuzz", f"{name}-frames-deflate-no-takeover", frames(3 | 4, 7, payloads, flags))
        parts = fragments(bz2.compress(group[0], 1), 3)
        write(directory, "FramePathFuzz", f"{name}-frames-bzip2", frames(1 | 8, 0, parts, message_flags(len(parts))))
        parts = fragments(snappy_frame(group[0]), 2)
        write(directory, "FramePathFuzz", f"{name}-frames-snappy", frames(2, 0, parts, message_flags(len(parts))))

    counts = {t: len(os.listdir(os.path.join(directory, t))) for t in sorted(os.listdir(directory))}
    print("seeds:", ", ".join(f"{t} {n}" for t, n in counts.items()), "" if snappy else "(no python-snappy: uncompressed snappy chunks)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".build-fuzz/seeds")
