#!/usr/bin/env python3
"""Autobahn|Python's asyncio WebSocket implementation as a loopback peer.

For the Swift live interop tests, which start this script as a child
process and read the JSON objects it prints on stdout, one per line,
each flushed at once. Diagnostics and Autobahn's own log go to stderr.
Needs `autobahn`, and `python-snappy` for permessage-snappy.

EXTENSION is deflate, bzip2 or snappy (permessage-deflate, -bzip2,
-snappy), or none.

Server mode
-----------
    autobahn_websocket_peer.py server PORT EXTENSION [options]

An echo server on 127.0.0.1:PORT (0 picks a free port) that accepts
only an offer of EXTENSION and echoes every message unchanged (text as
text, binary as binary). It prints

    {"event":"listening","port":N}
    {"event":"open","extension":S,"accept":{..},"pmce":{..}}  per connection
    {"event":"close",...}      per connection, only with --report-close
    {"event":"exit","reason":"timeout"|"stdin-closed"}

where "extension" is the Sec-WebSocket-Extensions value the server sent,
"accept" the __json__() of its OfferAccept and "pmce" the __json__() of
the compression object in use (the effective parameters); all three are
null when nothing was negotiated. "close" has the close code and reason,
the number of messages echoed and "traffic" (see below). The server
stops after --timeout seconds, or when stdin reaches end of file if
stdin is a pipe or a socket (--stdin auto, the default; --stdin watch
or ignore forces it). Exit status 0, or 4 when it cannot listen.

Server options:
  --request-no-context-takeover   deflate, snappy: answer
                                  client_no_context_takeover (when the
                                  offer allows it)
  --no-context-takeover           deflate, snappy: the server drops its
                                  own compression context
  --request-max-window-bits N     deflate: answer client_max_window_bits=N
                                  (when the offer allows it)
  --window-bits N                 deflate: the server's own window (at
                                  most the offer's server_max_window_bits)
  --mem-level N                   deflate: the server's memory level
  --request-max-compress-level N  bzip2: answer client_max_compress_level=N
                                  (when the offer allows it)
  --compress-level N              bzip2: the server's own level (at most
                                  the offer's server_max_compress_level)

Client mode
-----------
    autobahn_websocket_peer.py client URL EXTENSION [options]

Connects to URL (ws:// only) offering only EXTENSION, sends a
deterministic list of messages (--messages standard, small or
handshake) and checks every echo. It prints

    {"event":"open","extension":S,"accept":{..},"pmce":{..}}
    {"event":"mismatch",...}                    for each wrong echo
    {"event":"done","messages":N,"echoed":E,"mismatches":M,"bytes":B,...}
or  {"event":"error","reason":"..."}  when connecting or the handshake fails

where "extension" is the Sec-WebSocket-Extensions value the server
answered, "accept" the __json__() of the client's ResponseAccept and
"bytes" the payload bytes of the echoes that matched. "done" also has
"timed_out", "send_error" (why Autobahn refused to send a message, else
null), the close "clean", "code" and "reason", and "traffic":
frames and payload octets sent and received, "app" octets before
compression or after decompression, "ws" octets as framed on the wire.

Exit status: 0 when every echo arrived and matched, 1 otherwise (also
on --timeout), 2 on bad usage, 3 when autobahn (or python-snappy for
snappy) is missing, 4 when connecting or the opening handshake fails.
The client declines a server answer that does not fit its offer
(RFC 7692, 7.1) unless --lenient is given.

Client options:
  --no-context-takeover           deflate, snappy: offer
                                  server_no_context_takeover
  --request-max-window-bits N     deflate: offer server_max_window_bits=N
  --[no-]accept-max-window-bits   deflate: offer client_max_window_bits
                                  (default: yes, as Autobahn)
  --[no-]accept-no-context-takeover
                                  deflate, snappy: offer
                                  client_no_context_takeover (default: yes)
  --request-max-compress-level N  bzip2: offer server_max_compress_level=N
  --[no-]accept-max-compress-level
                                  bzip2: offer client_max_compress_level
                                  (default: yes)
  --window-bits N, --mem-level N  deflate: the client's own compressor
                                  (window at most the server's
                                  client_max_window_bits)
  --compress-level N              bzip2: the client's own level (at most
                                  the server's client_max_compress_level)
  --pipeline                      send all messages at once, instead of
                                  each after the previous echo
  --seed N                        seed of the pseudo-random payloads
  --require-extension             fail (status 4) when the server
                                  negotiates no extension
  --lenient                       accept any answer Autobahn can parse

Options of both modes:
  --auto-fragment-size N          Autobahn sends each message in frames of
                                  at most N payload octets (0: one frame)
  --max-message-size N            maxMessagePayloadSize (default 64 MiB,
                                  0: none); Autobahn checks it against
                                  received messages after decompression,
                                  and against sent ones after compression
                                  (random data grows a little)
  --max-frame-size N              maxFramePayloadSize (default 0: none)
  --timeout SECONDS               overall limit (default 60)
  --log-level LEVEL               Autobahn's log on stderr (default warn)

Options that do not apply to EXTENSION are rejected (status 2).

Examples:
    autobahn_websocket_peer.py server 0 deflate --request-max-window-bits 10
    autobahn_websocket_peer.py client ws://127.0.0.1:9001/ deflate \
        --no-context-takeover --auto-fragment-size 4096
"""

import argparse
import asyncio
import json
import os
import random
import stat
import sys
import threading

try:
    import txaio

    txaio.use_asyncio()

    from autobahn.asyncio.websocket import (
        WebSocketClientFactory,
        WebSocketClientProtocol,
        WebSocketServerFactory,
        WebSocketServerProtocol,
    )
    from autobahn.exception import PayloadExceededError
    from autobahn.websocket.compress import PERMESSAGE_COMPRESSION_EXTENSION
    from autobahn.websocket.util import parse_url
except ImportError as error:  # the Swift test reports this and skips
    sys.stderr.write(f"autobahn is not importable: {error}\n")
    sys.exit(3)

EXIT_OK = 0
EXIT_ECHO_FAILED = 1
EXIT_UNAVAILABLE = 3  # also used literally above, before this is defined
EXIT_CONNECT_FAILED = 4

EXTENSION_NAMES = {
    "deflate": "permessage-deflate",
    "bzip2": "permessage-bzip2",
    "snappy": "permessage-snappy",
    "none": None,
}

# The extensions each extension-specific option (argparse dest) applies to.
OPTION_SCOPE = {
    "server": {
        "request_no_context_takeover": ("deflate", "snappy"),
        "no_context_takeover": ("deflate", "snappy"),
        "request_max_window_bits": ("deflate",),
        "window_bits": ("deflate",),
        "mem_level": ("deflate",),
        "request_max_compress_level": ("bzip2",),
        "compress_level": ("bzip2",),
    },
    "client": {
        "no_context_takeover": ("deflate", "snappy"),
        "request_max_window_bits": ("deflate",),
        "accept_max_window_bits": ("deflate",),
        "accept_no_context_takeover": ("deflate", "snappy"),
        "window_bits": ("deflate",),
        "mem_level": ("deflate",),
        "request_max_compress_level": ("bzip2",),
        "accept_max_compress_level": ("bzip2",),
        "compress_level": ("bzip2",),
    },
}

# Message sizes of the "standard" list; "small" keeps those up to 65537.
STANDARD_SIZES = (
    0,
    1,
    2,
    100,
    1000,
    65535,
    65536,
    65537,
    300 * 1024,
    1024 * 1024,
)
SMALL_SIZE_LIMIT = 65537

# Seconds Autobahn waits for the peer in the opening and closing handshake.
HANDSHAKE_TIMEOUT = 10


def emit(event):
    """Prints one compact JSON object as a line on stdout, flushed at once."""
    sys.stdout.write(json.dumps(event, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def json_of(obj):
    """The __json__() of an Autobahn object (else its repr), or None."""
    if obj is None:
        return None
    to_json = getattr(obj, "__json__", None)
    return to_json() if to_json is not None else repr(obj)


def pmce_classes(extension):
    """Autobahn's classes (Offer, OfferAccept, ..., PMCE) of an extension."""
    name = EXTENSION_NAMES[extension]
    if name not in PERMESSAGE_COMPRESSION_EXTENSION:
        # (permessage-snappy needs python-snappy)
        sys.stderr.write(f"{name} is not available to Autobahn here\n")
        sys.exit(EXIT_UNAVAILABLE)
    return PERMESSAGE_COMPRESSION_EXTENSION[name]


def header_value(head, name):
    """The value of header `name` in a raw HTTP head (str), or None."""
    for line in head.split("\r\n")[1:]:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            return value.strip()
    return None


def traffic_of(protocol):
    """Frame and octet counts of a connection since its opening handshake.

    "app" octets are message payloads before compression or after
    decompression, "ws" octets frame payloads as on the wire.
    """
    stats = getattr(protocol, "trafficStats", None)
    if stats is None:
        return None
    return {
        "frames_out": stats.outgoingWebSocketFrames,
        "app_bytes_out": stats.outgoingOctetsAppLevel,
        "ws_bytes_out": stats.outgoingOctetsWebSocketLevel,
        "frames_in": stats.incomingWebSocketFrames,
        "app_bytes_in": stats.incomingOctetsAppLevel,
        "ws_bytes_in": stats.incomingOctetsWebSocketLevel,
    }


def configure_factory(factory, args, **compression):
    """Applies the common options and the compression ones to a factory."""
    factory.setProtocolOptions(
        autoFragmentSize=args.auto_fragment_size,
        maxMessagePayloadSize=args.max_message_size,
        maxFramePayloadSize=args.max_frame_size,
        # Autobahn's defaults (5 s, 1 s) are tight for a loaded test machine.
        openHandshakeTimeout=HANDSHAKE_TIMEOUT,
        closeHandshakeTimeout=HANDSHAKE_TIMEOUT,
        **compression,
    )


# ----------------------------------------------------------------------------
# Server
# ----------------------------------------------------------------------------


def server_accept_function(args):
    """Returns the perMessageCompressionAccept callable of the server.

    It accepts the first offer of the configured extension, with the
    configured parameters adjusted to what that offer allows, and
    declines everything else.
    """
    if args.extension == "none":
        return lambda offers: None
    classes = pmce_classes(args.extension)

    def accept_deflate(offer):
        request_bits = args.request_max_window_bits or 0
        if not offer.accept_max_window_bits:
            request_bits = 0
        window_bits = args.window_bits
        if window_bits and offer.request_max_window_bits:
            window_bits = min(window_bits, offer.request_max_window_bits)
        return classes["OfferAccept"](
            offer,
            request_no_context_takeover=(
                args.request_no_context_takeover
                and offer.accept_no_context_takeover
            ),
            request_max_window_bits=request_bits,
            no_context_takeover=True if args.no_context_takeover else None,
            window_bits=window_bits,
            mem_level=args.mem_level,
        )

    def accept_bzip2(offer):
        request_level = args.request_max_compress_level or 0
        if not offer.accept_max_compress_level:
            request_level = 0
        level = args.compress_level
        if level and offer.request_max_compress_level:
            level = min(level, offer.request_max_compress_level)
        return classes["OfferAccept"](
            offer,
            request_max_compress_level=request_level,
            compress_level=level,
        )

    def accept_snappy(offer):
        return classes["OfferAccept"](
            offer,
            request_no_context_takeover=(
                args.request_no_context_takeover
                and offer.accept_no_context_takeover
            ),
            no_context_takeover=True if args.no_context_takeover else None,
        )

    build = {
        "deflate": accept_deflate,
        "bzip2": accept_bzip2,
        "snappy": accept_snappy,
    }
    build = build[args.extension]

    def accept(offers):
        for offer in offers:
            if isinstance(offer, classes["Offer"]):
                return build(offer)
        return None

    return accept


class EchoServerProtocol(WebSocketServerProtocol):
    """Echoes every message and reports each connection on stdout."""

    def onConnect(self, request):
        # Runs before the offers are processed: wrap the factory's accept
        # function, so that this connection remembers its accept.
        self.pmce_accept = None
        self.echoed = 0
        self.opened = False
        choose = self.factory.perMessageCompressionAccept

        def accept_and_remember(offers):
            self.pmce_accept = choose(offers)
            return self.pmce_accept

        self.perMessageCompressionAccept = accept_and_remember
        self.factory.connections.add(self)
        return None

    def onOpen(self):
        self.opened = True
        head = getattr(self, "http_response_data", "") or ""
        pmce = (
            self.websocket_extensions_in_use[0]
            if self.websocket_extensions_in_use
            else None
        )
        emit(
            {
                "event": "open",
                "extension": header_value(head, "sec-websocket-extensions"),
                "accept": (
                    json_of(self.pmce_accept) if pmce is not None else None
                ),
                "pmce": json_of(pmce),
            }
        )

    def onMessage(self, payload, isBinary):
        self.echoed += 1
        try:
            self.sendMessage(payload, isBinary)
        except PayloadExceededError:
            # (the compressed echo is over maxMessagePayloadSize)
            self.sendClose(1009, "echo exceeds --max-message-size")

    def onClose(self, wasClean, code, reason):
        self.factory.connections.discard(self)
        if self.factory.report_close:
            emit(
                {
                    "event": "close",
                    "opened": getattr(self, "opened", False),
                    "clean": wasClean,
                    "code": code,
                    "reason": (
                        None
                        if wasClean
                        else getattr(self, "wasNotCleanReason", None)
                    )
                    or reason,
                    "echoed": getattr(self, "echoed", 0),
                    "traffic": traffic_of(self),
                }
            )


def watch_stdin(args):
    """Whether the server should stop when stdin reaches end of file."""
    if args.stdin != "auto":
        return args.stdin == "watch"
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    # A pipe or socket is a harness's handle; a tty or /dev/null is not.
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


async def run_server(args):
    loop = asyncio.get_running_loop()
    factory = WebSocketServerFactory(loop=loop)
    factory.protocol = EchoServerProtocol
    factory.connections = set()
    factory.report_close = args.report_close
    configure_factory(
        factory, args, perMessageCompressionAccept=server_accept_function(args)
    )

    try:
        server = await loop.create_server(factory, "127.0.0.1", args.port)
    except OSError as error:
        emit(
            {
                "event": "error",
                "reason": f"cannot listen on port {args.port}: {error}",
            }
        )
        return EXIT_CONNECT_FAILED
    emit({"event": "listening", "port": server.sockets[0].getsockname()[1]})

    stop = asyncio.Event()
    reason = {"value": "timeout"}
    if watch_stdin(args):

        def drain_stdin():
            try:
                while os.read(sys.stdin.fileno(), 65536):
                    pass
            except OSError:
                pass
            reason["value"] = "stdin-closed"
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=drain_stdin, daemon=True).start()

    try:
        await asyncio.wait_for(stop.wait(), timeout=args.timeout)
    except asyncio.TimeoutError:
        reason["value"] = "timeout"
    server.close()
    for connection in list(factory.connections):
        if connection.transport is not None:
            connection.transport.abort()
    emit({"event": "exit", "reason": reason["value"]})
    return EXIT_OK


# ----------------------------------------------------------------------------
# Client
# ----------------------------------------------------------------------------


def repetitive_text(size):
    """JSON-like ASCII records, repeated and cut to `size` bytes."""
    parts = []
    total = 0
    index = 0
    while total < size:
        active = "true" if index % 2 else "false"
        record = (
            f'{{"id":{index},"name":"record-{index:05d}",'
            f'"tags":["alpha","beta","gamma"],'
            f'"score":{(index * 37) % 1000}.25,"active":{active}}}\n'
        )
        parts.append(record)
        total += len(record)
        index += 1
    return "".join(parts).encode("ascii")[:size]


def utf8_text(size):
    """Mixed 1- to 4-byte UTF-8 text of at most `size` bytes, whole chars."""
    unit = "Grüße, 世界! 🚀 ünïcödé — ok; "
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore").encode("utf-8")


def pseudo_random_bytes(seed, size):
    """`size` pseudo-random bytes, the same for the same seed and size."""
    return random.Random(seed * 1_000_003 + size).randbytes(size)


def message_list(kind, seed):
    """The deterministic messages, as (name, payload, is_binary) tuples."""
    if kind == "handshake":
        return []
    sizes = [
        s
        for s in STANDARD_SIZES
        if kind == "standard" or s <= SMALL_SIZE_LIMIT
    ]
    messages = []
    for size in sizes:
        messages.append((f"text-{size}", repetitive_text(size), False))
        messages.append(
            (f"binary-random-{size}", pseudo_random_bytes(seed, size), True)
        )
    # Multi-byte UTF-8 (auto-fragmentation splits characters across
    # frames), one emoji, highly repetitive text and compressible binary.
    pattern = bytes(range(256)) * (100_000 // 256 + 1)
    messages += [
        ("text-utf8-4099", utf8_text(4099), False),
        ("text-utf8-70000", utf8_text(70_000), False),
        ("text-emoji", "🚀".encode("utf-8"), False),
        ("text-single-char-200000", b"a" * 200_000, False),
        ("binary-pattern-100000", pattern[:100_000], True),
    ]
    return messages


def first_difference(expected, got):
    """Index of the first differing byte (or the shorter length), or None."""
    if expected == got:
        return None
    for index, (a, b) in enumerate(zip(expected, got)):
        if a != b:
            return index
    return min(len(expected), len(got))


def client_offer(args, classes):
    """The single compression offer of the client."""
    if args.extension == "deflate":
        return classes["Offer"](
            accept_no_context_takeover=args.accept_no_context_takeover,
            accept_max_window_bits=args.accept_max_window_bits,
            request_no_context_takeover=args.no_context_takeover,
            request_max_window_bits=args.request_max_window_bits or 0,
        )
    if args.extension == "bzip2":
        return classes["Offer"](
            accept_max_compress_level=args.accept_max_compress_level,
            request_max_compress_level=args.request_max_compress_level or 0,
        )
    return classes["Offer"](
        accept_no_context_takeover=args.accept_no_context_takeover,
        request_no_context_takeover=args.no_context_takeover,
    )


def response_conflicts(offer, response):
    """Why the server's answer does not fit the offer, or None.

    For permessage-deflate these are the rules of RFC 7692, 7.1; the
    other two get the same rules for their parameters, as Autobahn's
    server keeps them.
    """
    problems = []
    name = offer.EXTENSION_NAME
    if name == "permessage-deflate":
        if (
            response.client_max_window_bits
            and not offer.accept_max_window_bits
        ):
            problems.append("client_max_window_bits answered but not offered")
        if (
            offer.request_no_context_takeover
            and not response.server_no_context_takeover
        ):
            problems.append(
                "server_no_context_takeover requested but not answered"
            )
        if offer.request_max_window_bits and not (
            0
            < response.server_max_window_bits
            <= offer.request_max_window_bits
        ):
            problems.append(
                f"server_max_window_bits={offer.request_max_window_bits}"
                " requested, answered "
                f"{response.server_max_window_bits or 'none'}"
            )
    elif name == "permessage-bzip2":
        if (
            response.client_max_compress_level
            and not offer.accept_max_compress_level
        ):
            problems.append(
                "client_max_compress_level answered but not offered"
            )
        if offer.request_max_compress_level and not (
            0
            < response.server_max_compress_level
            <= offer.request_max_compress_level
        ):
            problems.append(
                "server_max_compress_level="
                f"{offer.request_max_compress_level} requested, answered "
                f"{response.server_max_compress_level or 'none'}"
            )
    elif name == "permessage-snappy":
        if (
            response.client_no_context_takeover
            and not offer.accept_no_context_takeover
        ):
            problems.append(
                "client_no_context_takeover answered but not offered"
            )
        if (
            offer.request_no_context_takeover
            and not response.server_no_context_takeover
        ):
            problems.append(
                "server_no_context_takeover requested but not answered"
            )
    return "; ".join(problems) or None


def client_accept_function(args, offer, classes, rejection):
    """Returns the perMessageCompressionAccept callable of the client.

    It accepts an answer that fits the client's offer, and records why it
    declined anything else in `rejection["reason"]`.
    """

    def accept(response):
        if offer is None or not isinstance(response, classes["Response"]):
            rejection["reason"] = (
                f"server answered {response.EXTENSION_NAME}, not offered"
            )
            return None
        if not args.lenient:
            conflict = response_conflicts(offer, response)
            if conflict:
                rejection["reason"] = (
                    f"server answer does not fit the offer: {conflict}"
                )
                return None
        try:
            if args.extension == "deflate":
                window_bits = args.window_bits
                if window_bits and response.client_max_window_bits:
                    window_bits = min(
                        window_bits, response.client_max_window_bits
                    )
                return classes["ResponseAccept"](
                    response, window_bits=window_bits, mem_level=args.mem_level
                )
            if args.extension == "bzip2":
                level = args.compress_level
                if level and response.client_max_compress_level:
                    level = min(level, response.client_max_compress_level)
                return classes["ResponseAccept"](
                    response, compress_level=level
                )
            return classes["ResponseAccept"](response)
        except Exception as error:  # Autobahn's validation raises Exception
            rejection["reason"] = f"cannot accept the server answer: {error}"
            return None

    return accept


class CheckingClientProtocol(WebSocketClientProtocol):
    """Sends the message list and checks the echoes; reports on stdout."""

    def onConnecting(self, transport_details):
        # Runs before the opening handshake: wrap the factory's accept
        # function, so that this connection remembers its accept.
        self.pmce_accept = None
        choose = self.factory.perMessageCompressionAccept

        def accept_and_remember(response):
            self.pmce_accept = choose(response)
            return self.pmce_accept

        self.perMessageCompressionAccept = accept_and_remember
        return None

    def onConnect(self, response):
        self.factory.state["extension_header"] = response.headers.get(
            "sec-websocket-extensions"
        )

    def onOpen(self):
        state = self.factory.state
        state["opened"] = True
        state["protocol"] = self
        pmce = (
            self.websocket_extensions_in_use[0]
            if self.websocket_extensions_in_use
            else None
        )
        emit(
            {
                "event": "open",
                "extension": state.get("extension_header"),
                "accept": (
                    json_of(self.pmce_accept) if pmce is not None else None
                ),
                "pmce": json_of(pmce),
            }
        )
        if pmce is None and self.factory.require_extension:
            state["error"] = "server negotiated no compression extension"
            self.sendClose(1000)
            return
        self.next_to_send = 0
        if self.factory.pipeline:
            while self.next_to_send < len(self.factory.messages):
                self.send_next()
        else:
            self.send_next()
        self.close_if_finished()

    def send_next(self):
        messages = self.factory.messages
        if self.next_to_send < len(messages):
            name, payload, is_binary = messages[self.next_to_send]
            self.next_to_send += 1
            try:
                self.sendMessage(payload, isBinary=is_binary)
            except PayloadExceededError as error:
                # Autobahn checks maxMessagePayloadSize against the
                # compressed size too: stop sending, and close.
                self.factory.state["send_error"] = f"{name}: {error}"
                self.next_to_send = len(messages)
                self.sendClose(1000)

    def close_if_finished(self):
        if self.factory.state["echoed"] == len(self.factory.messages):
            self.sendClose(1000)

    def onMessage(self, payload, isBinary):
        state = self.factory.state
        index = state["echoed"]
        state["echoed"] += 1
        if index >= len(self.factory.messages):
            state["mismatches"] += 1
            emit(
                {
                    "event": "mismatch",
                    "index": index,
                    "reason": "unexpected extra message",
                    "got_size": len(payload),
                    "got_binary": isBinary,
                }
            )
        else:
            name, expected, is_binary = self.factory.messages[index]
            if payload == expected and isBinary == is_binary:
                state["bytes"] += len(payload)
            else:
                state["mismatches"] += 1
                emit(
                    {
                        "event": "mismatch",
                        "index": index,
                        "name": name,
                        "expected_size": len(expected),
                        "got_size": len(payload),
                        "expected_binary": is_binary,
                        "got_binary": isBinary,
                        "first_difference": first_difference(
                            expected, payload
                        ),
                    }
                )
        if not self.factory.pipeline:
            self.send_next()
        self.close_if_finished()

    def onClose(self, wasClean, code, reason):
        state = self.factory.state
        state["clean"] = wasClean
        state["code"] = code
        state["reason"] = (
            None if wasClean else getattr(self, "wasNotCleanReason", None)
        ) or reason
        if not state["closed"].done():
            state["closed"].set_result(None)


async def run_client(args):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + args.timeout
    try:
        is_secure, host, port, _, _, _ = parse_url(args.url)
    except Exception as error:
        emit({"event": "error", "reason": f"bad URL {args.url!r}: {error}"})
        return EXIT_CONNECT_FAILED
    if is_secure:
        emit({"event": "error", "reason": "wss:// is not supported"})
        return EXIT_CONNECT_FAILED

    rejection = {"reason": None}
    if args.extension == "none":
        offers, accept = [], (lambda response: None)
    else:
        classes = pmce_classes(args.extension)
        offer = client_offer(args, classes)
        offers, accept = [offer], client_accept_function(
            args, offer, classes, rejection
        )

    factory = WebSocketClientFactory(args.url, loop=loop)
    factory.protocol = CheckingClientProtocol
    factory.messages = message_list(args.messages, args.seed)
    factory.pipeline = args.pipeline
    factory.require_extension = args.require_extension
    factory.state = state = {
        "opened": False,
        "echoed": 0,
        "mismatches": 0,
        "bytes": 0,
        "error": None,
        "send_error": None,
        "clean": None,
        "code": None,
        "reason": None,
        "closed": loop.create_future(),
    }
    configure_factory(
        factory,
        args,
        perMessageCompressionOffers=offers,
        perMessageCompressionAccept=accept,
    )

    transport = None
    try:
        transport, _ = await asyncio.wait_for(
            loop.create_connection(factory, host, port), timeout=args.timeout
        )
        await asyncio.wait_for(
            state["closed"], timeout=max(0.0, deadline - loop.time())
        )
        timed_out = False
    except asyncio.TimeoutError:
        timed_out = True
    except OSError as error:
        emit(
            {
                "event": "error",
                "reason": f"cannot connect to {host}:{port}: {error}",
            }
        )
        return EXIT_CONNECT_FAILED
    finally:
        if transport is not None and not transport.is_closing():
            transport.abort()

    if not state["opened"]:
        reason = (
            rejection["reason"]
            or state["reason"]
            or "opening handshake failed"
        )
        if timed_out:
            reason = f"no opening handshake within {args.timeout} s"
        emit({"event": "error", "reason": reason})
        return EXIT_CONNECT_FAILED
    if state["error"]:
        emit({"event": "error", "reason": state["error"]})
        return EXIT_CONNECT_FAILED

    total = len(factory.messages)
    emit(
        {
            "event": "done",
            "messages": total,
            "echoed": state["echoed"],
            "mismatches": state["mismatches"],
            "bytes": state["bytes"],
            "timed_out": timed_out,
            "send_error": state["send_error"],
            "clean": state["clean"],
            "code": state["code"],
            "reason": state["reason"],
            "traffic": traffic_of(state["protocol"]),
        }
    )
    success = (
        state["mismatches"] == 0 and state["echoed"] == total and not timed_out
    )
    return EXIT_OK if success else EXIT_ECHO_FAILED


# ----------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------


def window_bits_value(text):
    value = int(text)
    if not 9 <= value <= 15:  # Autobahn 26.x rejects 8
        raise argparse.ArgumentTypeError("window bits must be in 9...15")
    return value


def level_value(text):
    value = int(text)
    if not 1 <= value <= 9:
        raise argparse.ArgumentTypeError("must be in 1...9")
    return value


def non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def add_common_options(parser):
    parser.add_argument("extension", choices=sorted(EXTENSION_NAMES))
    parser.add_argument(
        "--auto-fragment-size", type=non_negative, default=0, metavar="N"
    )
    parser.add_argument(
        "--max-message-size",
        type=non_negative,
        default=64 * 1024 * 1024,
        metavar="N",
    )
    parser.add_argument(
        "--max-frame-size", type=non_negative, default=0, metavar="N"
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS"
    )
    parser.add_argument(
        "--log-level",
        default="warn",
        choices=["none", "critical", "error", "warn", "info", "debug"],
    )
    parser.add_argument("--no-context-takeover", action="store_true")
    parser.add_argument(
        "--request-max-window-bits", type=window_bits_value, metavar="N"
    )
    parser.add_argument("--window-bits", type=window_bits_value, metavar="N")
    parser.add_argument("--mem-level", type=level_value, metavar="N")
    parser.add_argument(
        "--request-max-compress-level", type=level_value, metavar="N"
    )
    parser.add_argument("--compress-level", type=level_value, metavar="N")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Autobahn|Python WebSocket peer for live interop tests.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__,
    )
    modes = parser.add_subparsers(dest="mode", required=True)

    server = modes.add_parser("server", help="echo server on 127.0.0.1")
    server.add_argument("port", type=non_negative)
    add_common_options(server)
    server.add_argument("--request-no-context-takeover", action="store_true")
    server.add_argument(
        "--stdin", choices=["auto", "watch", "ignore"], default="auto"
    )
    server.add_argument("--report-close", action="store_true")

    client = modes.add_parser("client", help="client that checks echoes")
    client.add_argument("url")
    add_common_options(client)
    boolean = argparse.BooleanOptionalAction
    client.add_argument(
        "--accept-max-window-bits", action=boolean, default=True
    )
    client.add_argument(
        "--accept-no-context-takeover", action=boolean, default=True
    )
    client.add_argument(
        "--accept-max-compress-level", action=boolean, default=True
    )
    client.add_argument(
        "--messages",
        choices=["standard", "small", "handshake"],
        default="standard",
    )
    client.add_argument("--seed", type=int, default=7692)
    client.add_argument("--pipeline", action="store_true")
    client.add_argument("--require-extension", action="store_true")
    client.add_argument("--lenient", action="store_true")

    args = parser.parse_args(argv)
    # Reject options that do not apply to the extension (a harness bug).
    defaults = {
        "accept_max_window_bits": True,
        "accept_no_context_takeover": True,
        "accept_max_compress_level": True,
    }
    for dest, scope in OPTION_SCOPE[args.mode].items():
        value = getattr(args, dest)
        if (
            value not in (None, False, defaults.get(dest))
            and args.extension not in scope
        ):
            option = "--" + dest.replace("_", "-")
            parser.error(f"{option} does not apply to {args.extension}")
    return args


def main(argv=None):
    args = parse_arguments(argv)
    if args.log_level == "none":
        txaio.set_global_log_level("none")
    else:  # (txaio would log to stdout by default)
        txaio.start_logging(out=sys.stderr, level=args.log_level)
    runner = run_server if args.mode == "server" else run_client
    try:
        return asyncio.run(runner(args))
    except KeyboardInterrupt:
        return EXIT_ECHO_FAILED


if __name__ == "__main__":
    sys.exit(main())
