/// The relay database's schema (SQLite, one file, WAL). docs/relay.md documents every column;
/// `version` is stored in `meta` and checked on open.
enum RelaySchema {
    static let version = "1"

    /// Connection settings run at every open for writing.
    static func pragmas(synchronous: RelayConfig.Synchronous) -> String {
        """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = \(synchronous == .full ? "FULL" : "NORMAL");
        PRAGMA busy_timeout = 5000;
        """
    }

    static let tables = """
        CREATE TABLE IF NOT EXISTS meta(
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sites(
          mn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          profile TEXT NOT NULL,
          utc_offset_minutes INTEGER NOT NULL,
          minute_interval INTEGER NOT NULL,
          realtime_interval INTEGER NOT NULL,
          site_config_path TEXT,
          site_config_text TEXT,
          gateway_tco2e_factor TEXT,
          updated_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS frames(
          id INTEGER PRIMARY KEY,
          mn TEXT NOT NULL,
          cn INTEGER NOT NULL,
          data_time INTEGER NOT NULL,
          pno INTEGER NOT NULL,
          key_extra TEXT NOT NULL,
          data_time_text TEXT,
          qn TEXT,
          st TEXT NOT NULL,
          flag INTEGER,
          pnum INTEGER,
          resend INTEGER NOT NULL,
          received_at INTEGER NOT NULL,
          peer TEXT NOT NULL,
          raw TEXT NOT NULL,
          segment TEXT NOT NULL,
          duplicates INTEGER NOT NULL DEFAULT 0,
          conflicting_duplicates INTEGER NOT NULL DEFAULT 0,
          last_received_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS frames_once ON frames(mn, cn, data_time, pno, key_extra);
        CREATE TABLE IF NOT EXISTS realtime(
          mn TEXT NOT NULL,
          data_time INTEGER NOT NULL,
          factor TEXT NOT NULL,
          value REAL,
          flag TEXT,
          frame_id INTEGER NOT NULL,
          PRIMARY KEY (mn, data_time, factor)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS statistics(
          mn TEXT NOT NULL,
          cn INTEGER NOT NULL,
          data_time INTEGER NOT NULL,
          factor TEXT NOT NULL,
          min REAL,
          avg REAL,
          max REAL,
          cou REAL,
          flag TEXT,
          frame_id INTEGER NOT NULL,
          PRIMARY KEY (mn, cn, data_time, factor)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS events(
          id INTEGER PRIMARY KEY,
          mn TEXT NOT NULL,
          cn INTEGER NOT NULL,
          data_time INTEGER NOT NULL,
          code INTEGER,
          kind TEXT,
          level TEXT,
          text TEXT,
          cp TEXT NOT NULL,
          frame_id INTEGER NOT NULL UNIQUE);
        CREATE INDEX IF NOT EXISTS events_time ON events(mn, data_time);
        CREATE TABLE IF NOT EXISTS requests(
          id INTEGER PRIMARY KEY,
          mn TEXT NOT NULL,
          cn INTEGER NOT NULL,
          qn TEXT NOT NULL,
          sent_at INTEGER NOT NULL,
          begin_time INTEGER,
          end_time INTEGER,
          qn_rtn INTEGER,
          exe_rtn INTEGER,
          answered_at INTEGER);
        CREATE INDEX IF NOT EXISTS requests_qn ON requests(mn, qn);
        CREATE TABLE IF NOT EXISTS rejects(
          id INTEGER PRIMARY KEY,
          received_at INTEGER NOT NULL,
          peer TEXT NOT NULL,
          reason TEXT NOT NULL,
          message TEXT NOT NULL,
          mn TEXT,
          excerpt TEXT NOT NULL);
        INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '\(version)');
        """
}
