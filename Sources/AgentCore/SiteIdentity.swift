/// Who the site is on the HJ 212 link, from `[site]`.
public struct SiteIdentity: Sendable, Equatable {
    /// The site's name for the basic information table.
    public var name: String
    /// HJ 212 MN: the data logger's 24 hexadecimal characters (upper case as written).
    public var mn: String
    /// HJ 212 PW: the access password (a provisioned secret).
    public var password: String
    /// HJ 212 ST: the system code, two digits (the group standard's code is not published yet).
    public var systemCode: String
    /// Minutes east of UTC for timestamps (HJ 212 DataTime is local time; +08:00 by default).
    public var utcOffsetMinutes: Int
    /// The name of the `[constants NAME]` set the accounting uses.
    public var constantsName: String
}
