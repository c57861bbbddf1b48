//! SQLite storage. (Stub: filled in by the store work.)
