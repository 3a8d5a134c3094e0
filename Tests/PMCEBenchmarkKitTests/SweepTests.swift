import Testing
@testable import PMCEBenchmarkKit

struct SweepTests {
    @Test func emptySweepIsTheDefaultMatrixOfEightSpecs() throws {
        let specs = try Sweep().expand()
        #expect(specs.map(\.label) == [
            "deflate w15 m8 takeover", "deflate w15 m8 no-takeover", "deflate w12 m5 takeover", "deflate w9 m1 takeover",
            "bzip2 l1", "bzip2 l9", "snappy takeover", "snappy no-takeover",
        ])
    }

    @Test func extensionsAloneSelectTheirRowsOfTheDefaultMatrix() throws {
        let specs = try Sweep(extensions: [.snappy, .bzip2]).expand()
        #expect(specs.map(\.label) == ["bzip2 l1", "bzip2 l9", "snappy takeover", "snappy no-takeover"])
    }

    @Test func windowBitsRangeExpandsToOneDeflateSpecPerValueLargestFirst() throws {
        let specs = try Sweep(windowBits: try IntegerList(parsing: "9...15", name: "window bits").values.map { try WindowBits($0) }).expand()
        #expect(specs.map(\.label) == (9...15).reversed().map { "deflate w\($0) m8 takeover" })
    }

    /// Both window checks give two rows where the window is under 15 bits, one where it is 15
    /// (both checks are the same there); a row's parameters name the check and read back.
    @Test func windowChecksDoubleOnlyTheRowsWithAWindowUnder15Bits() throws {
        let sweep = Sweep(windowBits: try [9, 15].map { try WindowBits($0) }, windowChecks: [.zlib, .exact])
        let specs = try sweep.expand()
        #expect(specs.map(\.label) == ["deflate w15 m8 takeover", "deflate w9 m8 takeover", "deflate w9 m8 takeover exact-window"])
        let exact = try #require(specs.last)
        #expect(exact.parameters.windowCheck == "exact")
        #expect(try CodecSpec(extension: .deflate, parameters: exact.parameters) == exact)
        #expect(throws: BenchmarkError.self) { try CodecSpec(extension: .snappy, parameters: .init(windowCheck: "exact")) }
        #expect(throws: BenchmarkError.self) { try CodecSpec(extension: .deflate, parameters: .init(windowBits: 9, windowCheck: "strict")) }
        // libdeflate's decoder is checked at any window.
        let libdeflate = try Sweep(windowBits: [.max], takeover: .off, deflateBackends: [.libdeflate], windowChecks: [.zlib, .exact]).expand()
        #expect(libdeflate.map(\.label) == ["deflate w15 m8 no-takeover libdeflate", "deflate w15 m8 no-takeover libdeflate exact-window"])
    }

    @Test func combinationsAreTheCrossProductDeduplicatedAndSorted() throws {
        let sweep = Sweep(windowBits: try [12, 15, 12].map { try WindowBits($0) }, memoryLevels: [.default, .min], takeover: .both)
        let specs = try sweep.expand()
        #expect(specs.count == 8)
        #expect(specs == specs.sorted())
        #expect(Set(specs).count == specs.count)
        #expect(specs.first?.label == "deflate w15 m8 takeover")
        #expect(specs.last?.label == "deflate w12 m1 no-takeover")
    }

    @Test func levelAloneSweepsDeflateAndBzip2() throws {
        let specs = try Sweep(levels: [1, 9]).expand()
        #expect(specs.map(\.label) == ["deflate w15 m8 l1 takeover", "deflate w15 m8 l9 takeover", "bzip2 l1", "bzip2 l9"])
    }

    @Test func takeoverBothSweepsDeflateAndSnappy() throws {
        let specs = try Sweep(takeover: .both).expand()
        #expect(specs.map(\.label) == ["deflate w15 m8 takeover", "deflate w15 m8 no-takeover", "snappy takeover", "snappy no-takeover"])
    }

    @Test func windowBitsEightIsRejectedNamingTheParameter() throws {
        let eight = try WindowBits(8)
        #expect(throws: BenchmarkError.configuration(ConfigurationError(
            .windowBits, value: 8, allowed: 9...15, note: "zlib refuses 8 for raw deflate compression", extension: .deflate))) {
            try Sweep(windowBits: [eight, .minCompressible]).expand()
        }
    }

    @Test func bzip2LevelZeroIsRejected() {
        #expect(throws: BenchmarkError.configuration(ConfigurationError(.bzip2Level, value: 0, allowed: 1...9))) {
            try Sweep(extensions: [.bzip2], levels: [0]).expand()
        }
    }

    @Test func parameterThatDoesNotApplyIsRejectedWhenAReportIsRead() {
        #expect(throws: BenchmarkError.parameterNotApplicable(extension: .snappy, name: "windowBits")) {
            try CodecSpec(extension: .snappy, parameters: .init(windowBits: 15))
        }
    }

    @Test func reportedParametersReadBackToTheSameSpec() throws {
        for spec in CodecSpec.defaultMatrix {
            #expect(try CodecSpec(extension: spec.compressionExtension, parameters: spec.parameters) == spec)
        }
        #expect(throws: BenchmarkError.configuration(ConfigurationError(.windowBits, value: 16, allowed: 8...15))) {
            try CodecSpec(extension: .deflate, parameters: .init(windowBits: 16))
        }
    }

    @Test func integerListParsesRangesAndSingleValues() throws {
        #expect(try IntegerList(parsing: "1,5,8", name: "x").values == [1, 5, 8])
        #expect(try IntegerList(parsing: "9..11, 15", name: "x").values == [9, 10, 11, 15])
        #expect(try IntegerList(parsing: "3-5", name: "x").values == [3, 4, 5])
        #expect(try IntegerList(parsing: "-1,1", name: "x").values == [-1, 1])
        #expect(try IntegerList(parsing: "5,5,5", name: "x").values == [5])
    }

    @Test(arguments: ["", "9...", "a", "15...9", "1,,2", "1.5"])
    func integerListRejectsMalformedText(text: String) {
        #expect(throws: BenchmarkError.self) { try IntegerList(parsing: text, name: "window bits") }
    }

    @Test func labelsAreStableAndParametersEncodeOnlyWhatApplies() throws {
        #expect(CodecSpec.testDeflate(windowBits: 12, memoryLevel: 5, level: 6, contextTakeover: false).label == "deflate w12 m5 l6 no-takeover")
        #expect(CodecSpec.bzip2(level: .min).label == "bzip2 l1")
        let json = String(decoding: try JSONEncoderForTests.encode(CodecSpec.snappy(contextTakeover: true).parameters), as: UTF8.self)
        #expect(json == #"{"contextTakeover":true}"#)
    }
}
