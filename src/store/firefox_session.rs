//! Firefox session cookies from the current session-restore file (mozLz4 JSON).
