/// A growable byte buffer with a reader index, the input side of every incremental decoder.
///
/// Bytes arrive in arbitrary pieces (a serial read, a TCP segment) and are appended;
/// a decoder looks at the readable bytes and consumes them only when a whole frame,
/// or garbage to be skipped, is found (the contract of swift-nio's ByteToMessageDecoder).
/// Consumed storage is reclaimed lazily so that appending and consuming stay amortised O(1).
public struct InputBuffer: Sendable {
    @usableFromInline var storage: [UInt8]
    @usableFromInline var readerIndex: Int

    public init() {
        storage = []
        readerIndex = 0
    }

    public init<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        storage = Array(bytes)
        readerIndex = 0
    }

    /// Number of bytes not yet consumed.
    @inlinable public var readableBytes: Int { storage.count - readerIndex }

    @inlinable public var isEmpty: Bool { readableBytes == 0 }

    /// The unconsumed bytes (a view; indices are not zero-based).
    @inlinable public var readable: ArraySlice<UInt8> { storage[readerIndex...] }

    /// The byte `offset` positions after the reader index. Precondition: `offset < readableBytes`.
    @inlinable public subscript(offset: Int) -> UInt8 {
        storage[readerIndex + offset]
    }

    /// Up to `count` readable bytes starting `offset` positions after the reader index.
    @inlinable public func peek(offset: Int = 0, count: Int) -> ArraySlice<UInt8> {
        let start = readerIndex + offset
        return storage[start..<min(start + count, storage.count)]
    }

    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    public mutating func append(_ byte: UInt8) {
        compactIfWorthIt()
        storage.append(byte)
    }

    /// Removes and returns the first `count` readable bytes. Precondition: `count <= readableBytes`.
    public mutating func consume(_ count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= readableBytes, "consume beyond readable bytes")
        let bytes = Array(storage[readerIndex..<readerIndex + count])
        readerIndex += count
        return bytes
    }

    /// Drops the first `count` readable bytes. Precondition: `count <= readableBytes`.
    public mutating func discard(_ count: Int) {
        precondition(count >= 0 && count <= readableBytes, "discard beyond readable bytes")
        readerIndex += count
    }

    /// Offset (relative to the reader index) of the first readable byte equal to `byte`
    /// at or after `from`, or nil.
    public func firstOffset(of byte: UInt8, from: Int = 0) -> Int? {
        var index = readerIndex + from
        while index < storage.count {
            if storage[index] == byte { return index - readerIndex }
            index += 1
        }
        return nil
    }

    private mutating func compactIfWorthIt() {
        if readerIndex > 0, readerIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readerIndex = 0
        } else if readerIndex >= 4096, readerIndex * 2 >= storage.count {
            storage.removeFirst(readerIndex)
            readerIndex = 0
        }
    }
}
