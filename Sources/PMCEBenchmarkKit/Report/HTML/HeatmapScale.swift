import Foundation

/// The colours of one heatmap: its values' range mapped onto viridis, dark purple for the worst
/// value and yellow for the best, so "yellow is better" holds whichever way a figure improves.
///
/// ```swift
/// let scale = HeatmapScale(values: [0.28, 0.31, 0.35], lowerIsBetter: true, logarithmic: false)
/// scale.fill(0.28)   // "#fde725"
/// ```
struct HeatmapScale {
    /// viridis at 0, ¼, ½, ¾ and 1, as RGB.
    private static let stops: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x3b, 0x52, 0x8b), (0x21, 0x91, 0x8c), (0x5e, 0xc9, 0x62), (0xfd, 0xe7, 0x25),
    ]

    /// The worst and best positions on the scale before normalising.
    private let low: Double, high: Double
    /// Whether smaller values are better (ratio, memory).
    private let lowerIsBetter: Bool
    /// Whether values are placed by their logarithm (memory spans tens of kilobytes to megabytes).
    private let logarithmic: Bool

    /// A scale over `values`.
    /// - Parameters:
    ///   - values: The map's values; at least one.
    ///   - lowerIsBetter: Whether smaller values are better.
    ///   - logarithmic: Whether to place values by their logarithm (values above 0).
    init(values: [Double], lowerIsBetter: Bool, logarithmic: Bool) {
        self.lowerIsBetter = lowerIsBetter
        self.logarithmic = logarithmic
        let positions = values.map { logarithmic ? log10(max($0, 1e-9)) : $0 }
        low = positions.min() ?? 0
        high = positions.max() ?? 1
    }

    /// Where a value lies from worst (0) to best (1); ½ when every value is the same, so a map
    /// without differences shows neither end.
    /// - Parameter value: A value of the map.
    /// - Returns: The fraction.
    func fraction(_ value: Double) -> Double {
        guard high > low else { return 0.5 }
        let position = logarithmic ? log10(max(value, 1e-9)) : value
        let t = min(max((position - low) / (high - low), 0), 1)
        return lowerIsBetter ? 1 - t : t
    }

    /// The fill of a value.
    /// - Parameter value: A value of the map.
    /// - Returns: A `#rrggbb` colour.
    func fill(_ value: Double) -> String {
        Self.hex(Self.color(at: fraction(value)))
    }

    /// The text colour that reads on a value's fill: black on the light end, white on the dark.
    /// - Parameter value: A value of the map.
    /// - Returns: `#000` or `#fff`.
    func textColor(_ value: Double) -> String {
        let (r, g, b) = Self.color(at: fraction(value))
        return (0.299 * r + 0.587 * g + 0.114 * b) / 255 > 0.5 ? "#000" : "#fff"
    }

    /// The colour at a fraction of the scale, interpolated between the stops.
    /// - Parameter t: From 0 (worst) to 1 (best).
    /// - Returns: Red, green and blue from 0 to 255.
    static func color(at t: Double) -> (Double, Double, Double) {
        let scaled = min(max(t, 0), 1) * Double(stops.count - 1)
        let index = min(Int(scaled), stops.count - 2)
        let f = scaled - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        return (a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f)
    }

    /// A colour as `#rrggbb`.
    /// - Parameter color: Red, green and blue from 0 to 255.
    /// - Returns: The hex notation.
    static func hex(_ color: (Double, Double, Double)) -> String {
        "#" + [color.0, color.1, color.2].map { component in
            let byte = String(Int(component.rounded()), radix: 16)
            return byte.count == 1 ? "0" + byte : byte
        }.joined()
    }
}
