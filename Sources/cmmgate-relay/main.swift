// cmmgate-relay: the integrator's reference HJ 212 platform endpoint (issue 6). Being built:
// until `serve`, `report` and `export` land, it only says so.
import Glibc

_ = RelayUsage.text.withCString { write(2, $0, strlen($0)) }
exit(64)
