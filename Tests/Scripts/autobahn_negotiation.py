#!/usr/bin/env python3
"""Answers negotiation questions with Autobahn|Python, for the Swift interop tests.

Reads a JSON list of requests on stdin and writes a JSON list of answers on stdout, one per
request, in order. Every JSON object in an answer is canonical (`json.dumps` with sorted keys
and no spaces), so the Swift side compares strings key for key and value for value.

Requests ("ext" is "permessage-deflate", "permessage-bzip2" or "permessage-snappy"):
  {"op": "offer_parse", "ext", "header"}       -> {"json"} from Offer.parse, or {"error"}
  {"op": "response_parse", "ext", "header"}    -> {"json"} from Response.parse, or {"error"}
  {"op": "offer_build", "ext", "kwargs"}       -> {"string", "json"} of Offer(**kwargs), or {"error"}
  {"op": "offer_accept", "ext", "offer", "kwargs"}
        -> {"string", "json", "pmce"}: OfferAccept(Offer(**offer), **kwargs) and the
           PMCE from create_from_offer_accept(is_server=True), or {"error"}
  {"op": "response_accept", "ext", "response", "kwargs"}
        -> {"json", "pmce"}: ResponseAccept(Response.parse(header), **kwargs) and the PMCE
           from create_from_response_accept(is_server=False), or {"error"}
  {"op": "client_exchange", "ext", "response", "to_server": [hex], "from_server": [hex]}
        -> {"payloads", "decoded"} (JSON lists of hex): as the client that received `response`,
           with ResponseAccept defaults, compresses each `to_server` message and decompresses
           each `from_server` payload, in order, or {"error"}
  {"op": "server_accept", "ext", "offer", "kwargs"} -> {"string"}: the answer of a server that
           parses the client's `offer` element and accepts it with OfferAccept(**kwargs)
  {"op": "server_exchange", "ext", "offer", "kwargs", "to_client": [hex], "from_client": [hex]}
        -> {"payloads", "decoded"}: as that server, compresses each `to_client` message and
           decompresses each `from_client` payload, in order, or {"error"}
Exits with status 3 and a message on stderr when autobahn cannot be imported.
"""
import json
import sys

try:
    from autobahn.websocket.compress import PERMESSAGE_COMPRESSION_EXTENSION
    from autobahn.websocket.protocol import WebSocketProtocol
except ImportError as error:  # the Swift test reports this and skips
    sys.stderr.write(f"autobahn is not importable: {error}\n")
    sys.exit(3)


def canonical(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def params_of(header):
    elements = WebSocketProtocol._parseExtensionsHeader(None, header)
    if len(elements) != 1:
        raise Exception(f"expected one extension element, got {len(elements)}")
    return elements[0][1]


def exchange(pmce, messages, payloads):
    """Compresses `messages` and decompresses `payloads` (hex) in order with one PMCE object."""
    compressed = []
    for message in messages:
        pmce.start_compress_message()
        compressed.append((pmce.compress_message_data(bytes.fromhex(message)) + pmce.end_compress_message()).hex())
    decoded = []
    for payload in payloads:
        pmce.start_decompress_message()
        data = pmce.decompress_message_data(bytes.fromhex(payload))
        pmce.end_decompress_message()
        decoded.append(data.hex())
    return {"payloads": json.dumps(compressed), "decoded": json.dumps(decoded)}


def answer(request):
    classes = PERMESSAGE_COMPRESSION_EXTENSION[request["ext"]]
    op = request["op"]
    try:
        if op == "offer_parse":
            return {"json": canonical(classes["Offer"].parse(params_of(request["header"])).__json__())}
        if op == "response_parse":
            return {"json": canonical(classes["Response"].parse(params_of(request["header"])).__json__())}
        if op == "offer_build":
            offer = classes["Offer"](**request["kwargs"])
            return {"string": offer.get_extension_string(), "json": canonical(offer.__json__())}
        if op == "offer_accept":
            accept = classes["OfferAccept"](classes["Offer"](**request["offer"]), **request["kwargs"])
            pmce = classes["PMCE"].create_from_offer_accept(True, accept)
            return {"string": accept.get_extension_string(), "json": canonical(accept.__json__()), "pmce": canonical(pmce.__json__())}
        if op == "response_accept":
            response = classes["Response"].parse(params_of(request["response"]))
            accept = classes["ResponseAccept"](response, **request["kwargs"])
            pmce = classes["PMCE"].create_from_response_accept(False, accept)
            return {"json": canonical(accept.__json__()), "pmce": canonical(pmce.__json__())}
        if op == "client_exchange":
            response = classes["Response"].parse(params_of(request["response"]))
            pmce = classes["PMCE"].create_from_response_accept(False, classes["ResponseAccept"](response))
            return exchange(pmce, request["to_server"], request["from_server"])
        if op in ("server_accept", "server_exchange"):
            offer = classes["Offer"].parse(params_of(request["offer"]))
            accept = classes["OfferAccept"](offer, **request["kwargs"])
            if op == "server_accept":
                return {"string": accept.get_extension_string()}
            pmce = classes["PMCE"].create_from_offer_accept(True, accept)
            return exchange(pmce, request["to_client"], request["from_client"])
    except Exception as error:  # Autobahn raises plain Exception for every rejection
        return {"error": str(error)}
    return {"error": f"unknown op {op}"}


def main():
    requests = json.load(sys.stdin)
    json.dump([answer(request) for request in requests], sys.stdout)


if __name__ == "__main__":
    main()
