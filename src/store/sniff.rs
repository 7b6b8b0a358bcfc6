//! `--store PATH`: tell a store's kind from its content, not its name.
