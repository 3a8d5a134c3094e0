public import ArgumentParser
public import PMCEBenchmarkKit

// The library's value types as command-line values: parsing an option *is* the check, made by
// the type's own initializer (`init?(rawValue:)`). Help texts name each range from the type
// (`\(WindowBits.allowed)`), and ArgumentParser repeats the help with a rejected value.

extension CompressionExtension: ExpressibleByArgument {}
extension TakeoverChoice: ExpressibleByArgument {}
extension ServerNegotiator.Preference: ExpressibleByArgument {}

extension WindowBits: ExpressibleByArgument {}
extension MemoryLevel: ExpressibleByArgument {}
extension CompressionLevel: ExpressibleByArgument {}
extension Bzip2Level: ExpressibleByArgument {}

extension ExpressibleByArgument where Self: BoundedSetting {
    /// The default shown in `--help`: the number (zlib's default level shows as -1).
    public var defaultValueDescription: String { String(rawValue) }
}
