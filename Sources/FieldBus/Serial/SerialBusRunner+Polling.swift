import Wire

extension SerialBusRunner {
    /// Runs one planned request and returns one result per configured read it serves. Device
    /// failures (timeout, exception, bad frame, busy bus) are per-read results; port failures are
    /// thrown, so the caller can close and reopen the port with back-off.
    public mutating func poll(_ request: PollRequest) throws(FieldBusError) -> [PollResult] {
        do throws(FieldBusError) {
            switch request.kind {
            case .modbus(let slave, let read):
                let acquired = try readModbus(slave: slave, read)
                return request.slice(acquired.value).map { member in
                    PollResult(readID: member.readID, result: .success(Acquired(
                        value: member.value, monotonic: acquired.monotonic, wall: acquired.wall, report: acquired.report)))
                }
            case .dlt645(let meter, let identifier):
                let acquired = try readDLT645(identifier, from: meter)
                guard case .data(_, let value, _, _) = acquired.value else {
                    return request.results(.failure(FieldBusError(.badFrame, "\(settings.busName): meter \(meter) did not answer with data")))
                }
                return request.results(.success(Acquired(value: .dlt645(value), monotonic: acquired.monotonic,
                                                         wall: acquired.wall, report: acquired.report)))
            }
        } catch where error.code == .portFailure || error.code == .portVanished {
            throw error
        } catch {
            return request.results(.failure(error))
        }
    }

    /// Waits until the schedule's next request is due, runs it, and marks it done: one step of a
    /// bus poller's loop. Returns nil for an empty schedule. Port failures are thrown (the
    /// request is still marked done, so a reopened port resumes on the schedule's grid).
    public mutating func pollNext(_ schedule: inout PollSchedule) throws(FieldBusError) -> [PollResult]? {
        guard let next = schedule.next() else { return nil }
        do { try clock.sleep(until: next.due) } catch {
            throw FieldBusError.port(error, bus: settings.busName, step: "sleep")
        }
        let request = schedule.requests[next.index]
        do throws(FieldBusError) {
            let results = try poll(request)
            schedule.completed(next.index, at: clock.now(), silent: PollResult.deviceSilent(results))
            return results
        } catch {
            schedule.completed(next.index, at: clock.now())
            throw error
        }
    }

    /// Replaces the ports after a vanished port was reopened; the t3.5 count restarts now.
    public mutating func reopened(link: Link, direction: Direction) {
        self.link = link
        self.direction = direction
        restartSilence()
    }
}
