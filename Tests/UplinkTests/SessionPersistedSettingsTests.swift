import Testing
import Uplink

/// What a platform changed survives a restart, and a damaged state file is refused whole.
struct SessionPersistedSettingsTests {
    let base = UplinkSessionSettings(profile: .hj212_2017, mn: "010000A8900016F000169DC0", password: "123456")

    @Test func theTextFormRoundTripsAndOverridesTheConfiguredValues() throws {
        var changed = base
        changed.password = "654321"
        changed.overTimeSeconds = 7
        changed.realtimeIntervalSeconds = 30
        let saved = UplinkPersistedSettings(changed)
        let loaded = try UplinkPersistedSettings.decode(saved.text, over: base)
        #expect(loaded == saved)
        let applied = loaded.applied(to: base)
        #expect(applied.password == "654321" && applied.overTimeSeconds == 7 && applied.realtimeIntervalSeconds == 30)
        #expect(applied.mn == base.mn)
    }

    @Test(arguments: [("recount=0\n", 1, "recount=0"), ("password=12;34\n", 1, "password"),
                      ("overtime_s=5\ncolour=blue\n", 2, "unknown key 'colour'"),
                      ("minute_interval_min=7\n", 1, "MinInterval"), ("garbage\n", 1, "key=value")])
    func aDamagedFileIsRefusedWithItsLine(text: String, line: Int, says: String) {
        #expect {
            try UplinkPersistedSettings.decode(text, over: base)
        } throws: { error in
            guard let refusal = error as? UplinkPersistedSettings.Refusal else { return false }
            return refusal.line == line && refusal.message.contains(says)
        }
    }
}
