// SQLite 3 (Debian's libsqlite3-dev) for cmmgate-relay, the host-side reference platform.
// The agent never links it.
#include <sqlite3.h>
