/// Keeps a value alive and opaque to the optimizer, so measured work is not removed.
/// - Parameter value: The value to consume.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
