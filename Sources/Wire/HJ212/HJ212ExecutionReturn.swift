/// `ExeRtn`, the result of executing a request (HJ 212-2017 §6.6, Table 6 "执行结果"), sent with CN 9012.
public enum HJ212ExecutionReturn: Int, Sendable, Equatable, CaseIterable {
    case success = 1
    case failedUnknownReason = 2
    case conditionError = 3
    case timeout = 4
    case busy = 5
    case systemFault = 6
    case noData = 100

    public var meaning: String {
        switch self {
        case .success: return "executed successfully"
        case .failedUnknownReason: return "failed, reason unknown"
        case .conditionError: return "request condition error"
        case .timeout: return "communication timeout"
        case .busy: return "system busy, cannot execute"
        case .systemFault: return "system fault"
        case .noData: return "no data"
        }
    }
}
