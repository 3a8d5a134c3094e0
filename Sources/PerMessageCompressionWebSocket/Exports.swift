// `CompressionStatistics` and the frame logic live in the SwiftNIO integration, which this one
// builds on; users of this product see its public types without a second import.
@_exported public import PerMessageCompressionNIO
