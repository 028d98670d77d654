/// `override TABLE ADDRESS SOURCE between=FROM,UNTIL` (or `override di XXXXXXXX SOURCE …`, or
/// `override coil|discrete ADDRESS on|off …`): during the window the point reads from the
/// override instead of its own source, e.g. an inlet flow above the pump's outlet flow, or a
/// value over its range limit, for a while.
struct ValueOverride<Value> {
    var window: TimeWindow
    var value: Value

    /// The value of the last override in `overrides` whose window holds `seconds`, or nil.
    static func active(in overrides: [ValueOverride], at seconds: Double) -> Value? {
        overrides.last { $0.window.contains(seconds) }?.value
    }
}
