import AgentCore
import Journal
import Wire

/// The site's basic information table as HJ 212 CN 3020 (upload of field-device information;
/// encrypted in the 2025 profile). HJ 212 numbers its information fields per device class
/// (`i1xxxx-Info`) and the group standard has not published codes for CMM instruments, so the
/// fields are this project's, named, and percent-encoded like event texts:
///
///     DataTime=20260102030405;InfoType=site,SiteName=…,MN=…,ST=31;InfoType=meter,Meter=…,Maker=…,
///     Model=…,SerialNo=…,Range=…,Accuracy=…,Location=…,Calibrated=20250101,CalibrationDue=20260101,
///     Factors=g01-flow|g01-ch4;…
///
/// A table longer than one packet is split into PNUM/PNO parts like any message.
public enum UplinkSiteInformationArea {
    /// The CP area of the table in `payload` (`SiteInformation`), stamped `time`; nil when the
    /// payload holds no site line.
    public static func area(payload: [UInt8], time: HJ212Timestamp) -> CPDataArea? {
        let lines = SiteInformation.lines(payload)
        guard let site = lines.first(where: { $0.first == "site" }), site.count >= 4 else { return nil }
        var items = [CPDataArea.Item([.dataTime(time)])]
        items.append(CPDataArea.Item(fields("site", [("SiteName", site[1]), ("MN", site[2]), ("ST", site[3])])))
        for meter in lines where meter.first == "meter" && meter.count >= 11 {
            items.append(CPDataArea.Item(fields("meter", [
                ("Meter", meter[1]), ("Maker", meter[2]), ("Model", meter[3]), ("SerialNo", meter[4]),
                ("Range", meter[5]), ("Accuracy", meter[6]), ("Location", meter[7]),
                ("Calibrated", digits(meter[8])), ("CalibrationDue", digits(meter[9])),
                ("Factors", meter[10].split(separator: ",").joined(separator: "|")),
            ])))
        }
        return CPDataArea(items)
    }

    private static func fields(_ kind: String, _ pairs: [(String, String)]) -> [CPField] {
        [CPField.other(name: "InfoType", value: kind)] + pairs.map { .other(name: $0.0, value: UplinkEventArea.escape($0.1).0) }
    }

    /// `2025-01-01` → `20250101`, the form of HJ 212 dates.
    private static func digits(_ date: String) -> String { String(date.filter { $0 != "-" }) }
}

extension UplinkFrameBuilder {
    func siteInformation(_ record: JournalRecord) throws(UplinkFrameError) -> (HJ212CommandCode, CPDataArea)? {
        let second = UplinkLocalTime.floorDivision(record.timestamp, 1000).0
        guard let area = UplinkSiteInformationArea.area(payload: record.payload, time: try localTime(second)) else {
            throw UplinkFrameError(.undecodable, "the site-information payload has no site line")
        }
        return (HJ212CommandCode(3020), area)
    }
}
