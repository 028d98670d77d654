/// A date and time as DL/T 645-2007 broadcast time carries it: YYMMDDhhmmss, sent
/// low byte first (ss mm hh DD MM YY), each field one BCD byte.
///
/// The two-digit year is taken as 20YY; the meter keeps local time (no zone on the wire).
public struct DLT645DateTime: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let year: Int   // 0…99 (20YY)
    public let month: Int  // 1…12
    public let day: Int    // 1…31
    public let hour: Int   // 0…23
    public let minute: Int // 0…59
    public let second: Int // 0…59

    private static let names = ["second", "minute", "hour", "day", "month", "year"]
    private static let ranges: [ClosedRange<Int>] = [0...59, 0...59, 0...23, 1...31, 1...12, 0...99]

    /// - Throws: `.badValue` naming the field out of range.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) throws(WireError) {
        let fields = [second, minute, hour, day, month, year]
        for index in 0..<6 where !Self.ranges[index].contains(fields[index]) {
            throw WireError(.badValue, "\(Self.names[index]) \(fields[index]) out of range "
                            + "\(Self.ranges[index].lowerBound)…\(Self.ranges[index].upperBound)")
        }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// From the six bytes as sent (ss first, 0x33 removed).
    /// - Throws: `.malformed` for a wrong count, `.badValue` for non-BCD or out-of-range bytes.
    public init(wireBytes bytes: ArraySlice<UInt8>, baseOffset: Int = 0) throws(WireError) {
        guard bytes.count == 6 else {
            throw WireError(.malformed, "broadcast time needs 6 bytes ssmmhhDDMMYY, got \(bytes.count)",
                            offset: baseOffset)
        }
        let f = try DLT645DataFormat.fields(bytes, baseOffset: baseOffset, names: Self.names, ranges: Self.ranges)
        try self.init(year: f[5], month: f[4], day: f[3], hour: f[2], minute: f[1], second: f[0])
    }

    /// ss mm hh DD MM YY, packed BCD (without the 0x33 offset).
    public var wireBytes: [UInt8] {
        [second, minute, hour, day, month, year].map { DLT645BCD.byte($0) }
    }

    /// "2025-03-14 13:45:09".
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "20\(two(year))-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second))"
    }
}
