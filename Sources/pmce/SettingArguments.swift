public import ArgumentParser
public import PMCEBenchmarkKit

// The library's value types as command-line values: parsing an option *is* the check, made by
// the type's own initializer (`init?(rawValue:)`). Help texts name each range from the type
// (`\(WindowBits.allowed)`), and ArgumentParser repeats the help with a rejected value.

extension CompressionExtension: ExpressibleByArgument {}
extension OnOffChoice: ExpressibleByArgument {}
extension DeflateBackend: ExpressibleByArgument {}
extension ReceiveWindowCheck: ExpressibleByArgument {}
extension ServerNegotiator.Preference: ExpressibleByArgument {}

extension WindowBits: ExpressibleByArgument {}
extension MemoryLevel: ExpressibleByArgument {}
extension CompressionLevel: ExpressibleByArgument {}
extension Bzip2Level: ExpressibleByArgument {}

extension ExpressibleByArgument where Self: BoundedSetting {
    /// The default shown in `--help`: the number (zlib's default level shows as -1).
    public var defaultValueDescription: String { String(rawValue) }
}

extension ValidationError {
    /// A usage error for a setting the library refused, naming the flag that gave it, such as
    /// `--window-bits 8: deflate: window bits = 8 is outside 9...15 (…)`.
    /// - Parameters:
    ///   - error: The library's error.
    ///   - flag: The option that gave the value.
    init(_ error: ConfigurationError, flag: String) {
        self.init("\(flag) \(error.value): \(error)")
    }
}
