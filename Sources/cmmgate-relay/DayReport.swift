import Metering

/// The evidence for one site over one local day (or a window of it), as `report` prints it:
/// real-time coverage per parameter, outages, alarms and events, and the methane destroyed and
/// tCO2e recomputed from the stored real-time records with the site's constant set, beside the
/// gateway's own figure when it uploads one (docs/relay.md "Report").
struct DayReport: Sendable {
    /// One monitoring parameter's coverage.
    struct Coverage: Sendable, Equatable {
        var name: String
        var factor: String
        /// Expected sample times with a record for this factor (any flag).
        var present = 0
        /// Of which with flag N.
        var normal = 0
        /// Records by flag letter (`?` when the record has none).
        var flags: [String: Int] = [:]
    }

    /// A run of expected sample times without any real-time record.
    struct Outage: Sendable, Equatable {
        /// First and last missing sample time (UTC epoch s).
        var start: Int64
        var end: Int64
        var seconds: Int64
    }

    /// An alarm or event upload.
    struct Event: Sendable, Equatable {
        var time: Int64
        var command: Int
        var code: Int?
        var kind: String?
        var level: String?
        var text: String
    }

    /// The recomputed accounting of the window.
    struct Accounting: Sendable {
        var constants: AccountingConstants
        var totals: AccountingTotals
        /// Seconds excluded, by reason (per oxidizer unit, `unit: reason`).
        var exclusions: [String: Int]
        /// Counter decreases seen (a reset or meter replacement: that second adds no energy).
        var counterResets: Int
    }

    var mn: String
    var name: String
    var utcOffsetMinutes: Int
    /// The window, UTC epoch s, `[start, end)`.
    var start: Int64
    var end: Int64
    var intervalSeconds: Int
    /// Sample times in the window (one per `intervalSeconds`, aligned to local time).
    var expectedSamples: Int
    /// Sample times with at least one real-time record.
    var samplesWithRecords: Int
    var parameters: [Coverage]
    var outages: [Outage]
    var events: [Event]
    /// nil when the site has no agent configuration (no constants, no oxidizer units).
    var accounting: Accounting?
    /// The gateway's own day tCO2e (`gateway_tco2e_factor`'s 2031 `-Cou`), when it uploaded one.
    var gatewayTonnesCO2e: Double?
    var gatewayFactor: String?
    /// Frames with a DataTime in the window, their resends, and resends with another CP area.
    var frames = 0
    /// The newest basic information table uploaded before the window's end (CN 3020).
    var siteInformation: SiteInformationTable?
    var duplicates = 0
    var conflictingDuplicates = 0

    /// `count` as a share of the expected samples, 0…1.
    func share(_ count: Int) -> Double {
        expectedSamples == 0 ? 0 : Double(count) / Double(expectedSamples)
    }
}
