import FieldBus

/// The field-bus runners ask a port error whether the device is gone: `.portVanished`
/// (EIO/ENODEV/ENXIO or a hang-up on a tty) means close, back off and reopen.
extension DeviceIOError: PortFailure {
    public var portVanished: Bool { code == .portVanished }
}
