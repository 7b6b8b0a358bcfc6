//! Finding stores: every profile of every supported browser under a home folder
//! ([`discover`]) and a store named by path (`--store`, [`sniff`]). Only looks: never
//! opens a cookie database in place, never writes.

pub mod discover;
pub mod sniff;
