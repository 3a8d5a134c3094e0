// Stand-in until the corpus branch merges; its file of the same path replaces this one.
public enum CorpusError: Error, Hashable, Sendable, CustomStringConvertible {
    case pathNotFound(path: String)
    case unreadable(path: String, reason: String)
    case emptyCorpus(path: String, detail: String)

    public var description: String {
        switch self {
        case .pathNotFound(let path): "\(path): no such file or directory"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .emptyCorpus(let path, let detail): "\(path): no messages (\(detail))"
        }
    }
}
