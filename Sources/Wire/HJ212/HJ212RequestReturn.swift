/// `QnRtn`, the reply to a request (HJ 212-2017 §6.6, Table 7 "请求命令返回"), sent with CN 9011.
public enum HJ212RequestReturn: Int, Sendable, Equatable, CaseIterable {
    case ready = 1
    case rejected = 2
    case passwordError = 3
    case mnError = 4
    case stError = 5
    case flagError = 6
    case qnError = 7
    case cnError = 8
    case crcError = 9
    case unknownError = 100

    public var meaning: String {
        switch self {
        case .ready: return "ready to execute the request"
        case .rejected: return "request rejected"
        case .passwordError: return "PW error"
        case .mnError: return "MN error"
        case .stError: return "ST error"
        case .flagError: return "Flag error"
        case .qnError: return "QN error"
        case .cnError: return "CN error"
        case .crcError: return "CRC error"
        case .unknownError: return "unknown error"
        }
    }
}
