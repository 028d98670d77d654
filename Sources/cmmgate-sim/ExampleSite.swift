/// `--example-site`: the meters of Board/example-site.conf, with values that make physical sense
/// together. One Modbus RTU bus (9600 8N1, the board's `field` bus) with the oxidizer's flow
/// computer (slave 1), the extraction pump's outlet flow computer (slave 2) and the heat meter
/// (slave 3), and one DL/T 645 bus (2400 8N1, `energy`) with the generator's kWh meter.
///
/// The pump's outlet flow (1400 ± 10 m³/h) stays above the oxidizer's inlet flow (1250 ± 15),
/// and carries at least as much CH4 (4.9 % against 4.6 %), so the safe-transport cross-check
/// holds; every value is inside its parameter's range. Directives given after `--example-site`
/// apply on top: `slave 2` selects the pump again, and the end-to-end faults are
///
///     slave 1 / override holding 0 value=1600 between=T,T'    inlet flow above the pump's
///     slave 1 / override holding 2 value=9.5 between=T,T'     inlet CH4 over its range (8 %)
///     slave 2 / fault noreply between=T,T'                    the pump silent, then back
enum ExampleSite {
    static let directives = [
        "seed 2611",
        "modbus-rtu baud=9600 parity=N stop=1",
        "slave 1",
        "holding 0 float32:ABCD noise=1250.0,15.0",   // ox1 inlet flow, m3/h (working conditions)
        "holding 2 float32:ABCD noise=4.6,0.2",       // ox1 inlet CH4, % by volume
        "holding 4 float32:ABCD value=32.5",          // ox1 inlet gas temperature, C
        "holding 6 float32:ABCD value=3.2",           // ox1 inlet pressure, kPa above the atmosphere
        "coil 0 on",                                  // ox1 running
        "slave 2",
        "holding 0 float32:ABCD noise=1400.0,10.0",   // pump outlet flow, m3/h
        "holding 2 float32:ABCD noise=4.9,0.1",       // pump outlet CH4, %
        "slave 3",
        "holding 10 uint32:CDAB counter=1234567,0.8333",  // heat supplied, GJ × 1000 (3 GJ/h)
        "dlt645 baud=2400 parity=N",
        "meter 123456789012",
        "di 00010000 counter=12345.67,0.8",           // generated energy, kWh (2.88 MW)
    ]
}
