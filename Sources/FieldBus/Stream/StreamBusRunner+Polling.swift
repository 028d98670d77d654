import Wire

/// How Modbus requests travel over a stream: Modbus TCP (MBAP header, transaction ids; the
/// request's slave is the unit id) or RTU frames through a serial device server.
public enum StreamFraming: Sendable, Equatable {
    case modbusTCP
    case rtuOverTCP
}

extension StreamBusRunner {
    /// Runs one planned request and returns one result per configured read it serves, like
    /// `SerialBusRunner.poll`. Device failures (timeout, exception, bad frame) are per-read
    /// results. Connection failures are thrown: `.notConnected` (connect refused or timed out,
    /// or the back-off forbids an attempt yet) and `.portFailure` (connection lost during the
    /// transaction). The runner reconnects by itself on a later call once `backoff.notBefore`
    /// has passed, so the caller reports an outage and waits for that instant.
    ///
    /// DL/T 645 requests fail with `.configuration`: those meters need a serial bus.
    public mutating func poll(_ request: PollRequest, framing: StreamFraming) throws(FieldBusError) -> [PollResult] {
        do throws(FieldBusError) {
            switch request.kind {
            case .modbus(let slave, let read):
                let acquired: Acquired<ModbusReadReply>
                switch framing {
                case .modbusTCP: acquired = try readModbusTCP(unit: slave, read)
                case .rtuOverTCP: acquired = try readRTUOverTCP(slave: slave, read)
                }
                return request.slice(acquired.value).map { member in
                    PollResult(readID: member.readID, result: .success(Acquired(
                        value: member.value, monotonic: acquired.monotonic, wall: acquired.wall, report: acquired.report)))
                }
            case .dlt645(let meter, _):
                return request.results(.failure(FieldBusError(
                    .configuration, "\(settings.busName): DL/T 645 meter \(meter) needs a serial bus, not a TCP stream")))
            }
        } catch where Self.isConnectionFailure(error) {
            throw error
        } catch {
            return request.results(.failure(error))
        }
    }

    /// Waits until the schedule's next request is due, runs it, and marks it done: one step of
    /// a bus poller's loop. Returns nil for an empty schedule. Connection failures are thrown
    /// (the request is still marked done, so a reconnected stream resumes on the schedule's grid).
    public mutating func pollNext(_ schedule: inout PollSchedule, framing: StreamFraming) throws(FieldBusError) -> [PollResult]? {
        guard let next = schedule.next() else { return nil }
        do { try clock.sleep(until: next.due) } catch {
            throw FieldBusError.port(error, bus: settings.busName, step: "sleep")
        }
        let request = schedule.requests[next.index]
        do throws(FieldBusError) {
            let results = try poll(request, framing: framing)
            schedule.completed(next.index, at: clock.now(), silent: PollResult.deviceSilent(results))
            return results
        } catch {
            schedule.completed(next.index, at: clock.now())
            throw error
        }
    }

    /// Whether `error` says the stream itself is unusable (rather than one device misbehaving).
    public static func isConnectionFailure(_ error: FieldBusError) -> Bool {
        switch error.code {
        case .notConnected, .portFailure, .portVanished: return true
        case .timeout, .exception, .badFrame, .busBusy, .configuration: return false
        }
    }
}
