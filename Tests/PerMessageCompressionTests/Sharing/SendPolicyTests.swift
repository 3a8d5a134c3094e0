import Foundation
import PerMessageCompression
import Testing

struct SendPolicyTests {
    @Test func messagesBelowTheMinimumAreNotCompressed() throws {
        let policy = try SendPolicy(minimumMessageSize: 256)
        #expect(!policy.compresses(messageSize: 255))
        #expect(policy.compresses(messageSize: 256))
        #expect(SendPolicy.always.compresses(messageSize: 0))
    }

    @Test func aPayloadThatDidNotShrinkGoesRawOnlyWhereNoContextIsCarried() throws {
        let policy = try SendPolicy(minimumMessageSize: 0, rawWhenLarger: true)
        #expect(!policy.sendsCompressed(payloadSize: 120, messageSize: 100, carriesContext: false))
        #expect(!policy.sendsCompressed(payloadSize: 100, messageSize: 100, carriesContext: false))
        #expect(policy.sendsCompressed(payloadSize: 99, messageSize: 100, carriesContext: false))
        // The compressor has moved on: the payload must go out.
        #expect(policy.sendsCompressed(payloadSize: 120, messageSize: 100, carriesContext: true))
        #expect(SendPolicy.always.sendsCompressed(payloadSize: 120, messageSize: 100, carriesContext: false))
    }

    @Test func aNegativeMinimumIsATypedError() {
        #expect(throws: ConfigurationError(.minimumMessageSize, value: -1, allowed: 0...Int.max)) {
            try SendPolicy(minimumMessageSize: -1)
        }
    }

    @Test func roundTripsThroughJSONAndChecksWhatItDecodes() throws {
        let policy = try SendPolicy(minimumMessageSize: 1024, rawWhenLarger: false)
        #expect(try JSONDecoder().decode(SendPolicy.self, from: JSONEncoder().encode(policy)) == policy)
        #expect(throws: ConfigurationError.self) {
            try JSONDecoder().decode(SendPolicy.self, from: Data(#"{"minimumMessageSize":-5}"#.utf8))
        }
    }

    @Test(arguments: [
        (CompressionConfiguration.deflate(.default), true, true),
        (.deflate(try! .init(sendNoContextTakeover: true)), false, true),
        (.deflate(try! .init(receiveNoContextTakeover: true)), true, false),
        (.bzip2(.default), false, false),
        (.snappy(.default), true, false),
        (.snappy(try! .init(sendNoContextTakeover: true)), false, false),
    ])
    func eachConfigurationSaysWhichDirectionsCarryContext(_ configuration: CompressionConfiguration, send: Bool, receive: Bool) {
        #expect(configuration.sendCarriesContext == send)
        #expect(configuration.receiveCarriesContext == receive)
    }
}
