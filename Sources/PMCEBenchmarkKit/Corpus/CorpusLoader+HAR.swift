#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The parts of a HAR 1.2 file (<http://www.softwareishard.com/blog/har-12-spec/>) that hold
/// WebSocket frames: Chrome DevTools (and mitmproxy, HTTP Toolkit, Proxyman) add `_webSocketMessages` to the entry of each
/// WebSocket request.
private struct HARDocument: Decodable {
    struct Log: Decodable {
        var entries: [Entry]
    }

    struct Entry: Decodable {
        var webSocketMessages: [Frame]?

        enum CodingKeys: String, CodingKey {
            case webSocketMessages = "_webSocketMessages"
        }
    }

    struct Frame: Decodable {
        var type: String
        var opcode: Int
        var data: String
    }

    var log: Log
}

extension CorpusLoader {
    /// The frame opcodes that carry no message (close, ping, pong), skipped when reading a HAR.
    static let harControlOpcodes: Set<Int> = [8, 9, 10]

    static func loadHAR(_ path: String, name: String) throws(CorpusError) -> [Corpus] {
        let bytes = try CorpusFileSystem.read(path)
        let document: HARDocument
        do {
            document = try JSONDecoder().decode(HARDocument.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw harError(error, bytes: bytes, path: path)
        } catch {
            throw .malformedHAR(path: path, location: "(document)", reason: "\(error)")
        }

        var sent: [[UInt8]] = []
        var received: [[UInt8]] = []
        var frameCount = 0
        for (entryIndex, entry) in document.log.entries.enumerated() {
            for (frameIndex, frame) in (entry.webSocketMessages ?? []).enumerated() {
                frameCount += 1
                let location = "log.entries[\(entryIndex)]._webSocketMessages[\(frameIndex)]"
                let payload: [UInt8]
                switch frame.opcode {
                case 1:
                    payload = Array(frame.data.utf8)
                case 2:
                    guard let decoded = Data(base64Encoded: frame.data) else {
                        throw .invalidBase64(path: path, location: location + ".data")
                    }
                    payload = [UInt8](decoded)
                case let opcode where harControlOpcodes.contains(opcode):
                    continue
                case let opcode:
                    throw .malformedHAR(path: path, location: location + ".opcode", reason: "opcode \(opcode) is not 1 (text), 2 (binary) or a control frame (8, 9, 10)")
                }
                switch frame.type {
                case "send": sent.append(payload)
                case "receive": received.append(payload)
                case let type:
                    throw .malformedHAR(path: path, location: location + ".type", reason: "type \"\(type)\" is neither \"send\" nor \"receive\"")
                }
            }
        }

        var corpora: [Corpus] = []
        if !sent.isEmpty { corpora.append(Corpus(name: "\(name) (send)", messages: sent)) }
        if !received.isEmpty { corpora.append(Corpus(name: "\(name) (receive)", messages: received)) }
        guard !corpora.isEmpty else {
            let detail = frameCount == 0
                ? "no entry has _webSocketMessages (export the HAR after the WebSocket traffic, from the Network panel)"
                : "all \(frameCount) of its WebSocket frames are control frames (close, ping, pong)"
            throw .emptyCorpus(path: path, detail: detail)
        }
        return corpora
    }

    private static func harError(_ error: DecodingError, bytes: [UInt8], path: String) -> CorpusError {
        func location(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "(document)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .malformedHAR(path: path, location: location(context.codingPath), reason: "missing key \"\(key.stringValue)\"")
        case .typeMismatch(let type, let context):
            return .malformedHAR(path: path, location: location(context.codingPath), reason: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return .malformedHAR(path: path, location: location(context.codingPath), reason: "expected \(type), found null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let failure = JSONSyntaxCheck.firstFailure(in: bytes) {
                return .malformedHAR(path: path, location: "line \(failure.line), column \(failure.column)", reason: "not valid JSON: \(failure.reason)")
            }
            return .malformedHAR(path: path, location: location(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .malformedHAR(path: path, location: "(document)", reason: "\(error)")
        }
    }
}
