#!/usr/bin/env python3
"""Stand-in client under test: an Autobahn|Python (asyncio) client that offers
permessage-deflate and echoes every message back until the server closes, for checking
`Scripts/autobahn-testsuite.sh client` itself:

    Scripts/autobahn-testsuite.sh client 9001 --cases '1.1.*' -- \\
        python3 Scripts/autobahn-testsuite/echo_client.py {url}

Exit status 0 after a clean close, 1 otherwise (as a client under test may; the testsuite's
report, not this status, decides). Needs `python3 -m pip install autobahn`.
"""
import argparse
import asyncio
import sys
import urllib.parse

from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol
from autobahn.websocket.compress import (PerMessageDeflateOffer, PerMessageDeflateResponse,
                                         PerMessageDeflateResponseAccept)


class EchoClientProtocol(WebSocketClientProtocol):
    def onMessage(self, payload, isBinary):
        self.sendMessage(payload, isBinary)

    def onClose(self, wasClean, code, reason):
        if not self.factory.result.done():
            self.factory.result.set_result(wasClean)


def accept_deflate(response):
    if isinstance(response, PerMessageDeflateResponse):
        return PerMessageDeflateResponseAccept(response)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--no-deflate", action="store_true")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    url = urllib.parse.urlsplit(args.url)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # The factory binds to an event loop when it is made: make the loop first.
    factory = WebSocketClientFactory(args.url, loop=loop, useragent="AutobahnPython-asyncio-echo")
    factory.protocol = EchoClientProtocol
    options = dict(maxFramePayloadSize=0, maxMessagePayloadSize=0, autoFragmentSize=0,
                   failByDrop=False, openHandshakeTimeout=30, closeHandshakeTimeout=5)
    if not args.no_deflate:
        options["perMessageCompressionOffers"] = [PerMessageDeflateOffer()]
        options["perMessageCompressionAccept"] = accept_deflate
    factory.setProtocolOptions(**options)
    factory.result = loop.create_future()

    async def run():
        await loop.create_connection(factory, url.hostname, url.port or 80)
        return await asyncio.wait_for(factory.result, args.timeout)

    try:
        clean = loop.run_until_complete(run())
    except (OSError, asyncio.TimeoutError) as error:
        print("echo_client: %s: %s" % (args.url, error or type(error).__name__), file=sys.stderr)
        return 1
    finally:
        loop.close()
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
