#!/usr/bin/env python3
"""Stand-in server under test: an Autobahn|Python (asyncio) echo server that accepts
permessage-deflate offers, for checking Scripts/autobahn-testsuite.sh itself.

    python3 echo_server.py [--host 127.0.0.1] [--port 9001] [--no-deflate]

Every text or binary message is echoed back as it came (same type). The deflate offer is
accepted the way Autobahn|Python's own testee server does: the first PerMessageDeflateOffer,
honouring the client's parameters. Needs `python3 -m pip install autobahn`.
"""
import argparse
import asyncio
import signal

from autobahn.asyncio.websocket import WebSocketServerFactory, WebSocketServerProtocol
from autobahn.websocket.compress import PerMessageDeflateOffer, PerMessageDeflateOfferAccept


class EchoServerProtocol(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        self.sendMessage(payload, isBinary)


def accept_deflate(offers):
    for offer in offers:
        if isinstance(offer, PerMessageDeflateOffer):
            return PerMessageDeflateOfferAccept(offer)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9001)
    parser.add_argument("--no-deflate", action="store_true",
                        help="decline permessage-deflate (12.*/13.* then report UNIMPLEMENTED)")
    args = parser.parse_args()

    # The factory binds to an event loop when it is made: make the loop first.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    factory = WebSocketServerFactory("ws://%s:%d" % (args.host, args.port),
                                     server="AutobahnPython-asyncio-echo", loop=loop)
    factory.protocol = EchoServerProtocol
    options = dict(
        # No limits and no fragmentation of our own: echo what the fuzzer sends (9.* sends 16 MiB).
        maxFramePayloadSize=0,
        maxMessagePayloadSize=0,
        autoFragmentSize=0,
        failByDrop=False,
        openHandshakeTimeout=30,
        closeHandshakeTimeout=5,
    )
    if not args.no_deflate:
        options["perMessageCompressionAccept"] = accept_deflate
    factory.setProtocolOptions(**options)

    server = loop.run_until_complete(loop.create_server(factory, args.host, args.port))
    print("echo_server: listening on ws://%s:%d (permessage-deflate %s)"
          % (args.host, args.port, "declined" if args.no_deflate else "accepted"), flush=True)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


if __name__ == "__main__":
    main()
