//! The terminal UI: state, actions, key map as data, rendering. No SQL here.
