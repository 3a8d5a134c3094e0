/// Builds a text message byte by byte with fixed formatting rules, so generated numbers and
/// timestamps never depend on the platform's `Double` printing or locale.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ value: Int) {
        append(String(value))
    }

    /// Appends `value` zero-padded to `width` digits (`value` must be non-negative).
    mutating func append(_ value: Int, width: Int) {
        let digits = String(value)
        if digits.count < width { append(String(repeating: "0", count: width - digits.count)) }
        append(digits)
    }

    /// Appends `scaled / 10^decimals` with exactly `decimals` digits after the point: `(-1234, 2)` → `-12.34`.
    mutating func append(scaled: Int, decimals: Int) {
        guard decimals > 0 else { return append(scaled) }
        if scaled < 0 { append("-") }
        var divisor = 1
        for _ in 0..<decimals { divisor *= 10 }
        let magnitude = scaled.magnitude
        append(String(magnitude / UInt(divisor)))
        append(".")
        append(Int(magnitude % UInt(divisor)), width: decimals)
    }

    /// Appends `text` as a JSON string literal, quotes included.
    mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\t"): append("\\t")
            case 0..<0x20:
                append("\\u00")
                bytes.append(CorpusFileFormat.hexDigits[Int(byte >> 4)])
                bytes.append(CorpusFileFormat.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `"key":` for a JSON object member.
    mutating func appendKey(_ key: String) {
        appendJSONString(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends `,"key":` for a JSON object member after the first.
    mutating func appendNextKey(_ key: String) {
        append(",")
        appendKey(key)
    }

    /// Appends `,"key":"value"`, a string member after the first.
    mutating func appendMember(_ key: String, _ value: String) {
        appendNextKey(key)
        appendJSONString(value)
    }

    /// Appends `,"key":value`, an integer member after the first.
    mutating func appendMember(_ key: String, _ value: Int) {
        appendNextKey(key)
        append(value)
    }

    /// Appends `,"key":12.34`, a fixed-point member after the first (see ``append(scaled:decimals:)``).
    mutating func appendMember(_ key: String, scaled: Int, decimals: Int) {
        appendNextKey(key)
        append(scaled: scaled, decimals: decimals)
    }

    /// Appends a JSON array: `[`, `appendElement` for each element with commas between, `]`.
    mutating func appendJSONArray<Elements: Sequence>(_ elements: Elements, _ appendElement: (inout TextBuilder, Elements.Element) -> Void) {
        append("[")
        for (position, element) in elements.enumerated() {
            if position > 0 { append(",") }
            appendElement(&self, element)
        }
        append("]")
    }

    /// Appends a JSON array of fixed-point numbers: `[12.34,-0.50]`.
    mutating func appendJSONArray(scaled values: [Int], decimals: Int) {
        appendJSONArray(values) { text, value in text.append(scaled: value, decimals: decimals) }
    }

    /// Appends a UTC timestamp in ISO 8601 with milliseconds: `2026-11-25T01:02:03.456Z`.
    mutating func appendISO8601(milliseconds: Int) {
        let (date, time) = CivilTime.split(milliseconds: milliseconds)
        appendDate(date)
        append("T")
        append(time.hour, width: 2)
        append(":")
        append(time.minute, width: 2)
        append(":")
        append(time.second, width: 2)
        append(".")
        append(time.millisecond, width: 3)
        append("Z")
    }

    /// Appends `2026-11-25`.
    mutating func appendDate(_ date: CivilTime.Date) {
        append(date.year, width: 4)
        append("-")
        append(date.month, width: 2)
        append("-")
        append(date.day, width: 2)
    }
}

/// Calendar arithmetic on Unix milliseconds in integers (Howard Hinnant's `civil_from_days`).
enum CivilTime {
    struct Date { var year, month, day: Int }
    struct Time { var hour, minute, second, millisecond: Int }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func split(milliseconds: Int) -> (Date, Time) {
        let dayMilliseconds = 86_400_000
        let days = milliseconds >= 0 ? milliseconds / dayMilliseconds : (milliseconds - dayMilliseconds + 1) / dayMilliseconds
        let rest = milliseconds - days * dayMilliseconds
        let time = Time(hour: rest / 3_600_000, minute: rest / 60_000 % 60, second: rest / 1000 % 60, millisecond: rest % 1000)
        return (civil(fromDays: days), time)
    }

    static func civil(fromDays daysSinceEpoch: Int) -> Date {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return Date(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}
