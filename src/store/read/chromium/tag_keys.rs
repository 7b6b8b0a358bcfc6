//! Keys resolved on first sight of each encryption tag. The reading threads meet the tags
//! as they go, so no scan of the whole table comes first, and a key source (a keyring, a
//! Keychain that may prompt) is asked only for a tag some value really carries, once per
//! store whichever thread meets it first.

use std::sync::{Mutex, PoisonError};

use super::decrypt::{KeySlot, Tag, ValueKeys};

/// What builds the keys for the tags it is given (one tag per call here).
pub type Resolve<'a> = dyn Fn(&[Tag]) -> ValueKeys + Sync + 'a;

/// One store's keys, shared by its reading threads.
pub struct StoreKeys<'a> {
    resolve: &'a Resolve<'a>,
    /// Every tag asked about so far, with its slot (`None`: the source knows no such tag).
    asked: Mutex<Vec<(Tag, Option<KeySlot>)>>,
}

impl<'a> StoreKeys<'a> {
    pub fn new(resolve: &'a Resolve<'a>) -> StoreKeys<'a> {
        StoreKeys {
            resolve,
            asked: Mutex::new(Vec::new()),
        }
    }

    /// The slot for `tag`, resolving it if no thread has yet. The lock is held while the
    /// source answers, so two threads never ask the same source twice.
    fn slot(&self, tag: Tag) -> Option<KeySlot> {
        let mut asked = self.asked.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, slot)) = asked.iter().find(|(t, _)| *t == tag) {
            return slot.clone();
        }
        let slot = (self.resolve)(&[tag]).get(&tag).cloned();
        asked.push((tag, slot.clone()));
        slot
    }
}

/// One thread's copy of the slots it has met, so a value costs no lock.
#[derive(Default)]
pub struct ThreadKeys {
    met: Vec<Tag>,
    keys: ValueKeys,
}

impl ThreadKeys {
    /// The keys to try on `blob`, with its tag resolved if it has one.
    pub fn for_blob(&mut self, store: &StoreKeys<'_>, blob: &[u8]) -> &ValueKeys {
        if let Some(tag) = blob.get(..3).and_then(|t| Tag::try_from(t).ok())
            && !self.met.contains(&tag)
        {
            self.met.push(tag);
            if let Some(slot) = store.slot(tag) {
                self.keys.add(tag, slot);
            }
        }
        &self.keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn each_tag_is_resolved_once_and_only_when_met() {
        let calls = AtomicUsize::new(0);
        let resolve = |tags: &[Tag]| {
            calls.fetch_add(1, Ordering::SeqCst);
            let slots = tags
                .iter()
                .filter(|t| *t == b"v10")
                .map(|t| (*t, ValueKeys::linux_v10()))
                .collect();
            ValueKeys::from_slots(slots)
        };
        let store = StoreKeys::new(&resolve);
        let (mut a, mut b) = (ThreadKeys::default(), ThreadKeys::default());
        assert!(a.for_blob(&store, b"v10abc").get(b"v10").is_some());
        assert!(b.for_blob(&store, b"v10xyz").get(b"v10").is_some());
        assert!(a.for_blob(&store, b"v10def").get(b"v10").is_some());
        assert_eq!(calls.load(Ordering::SeqCst), 1, "v10 asked once");
        // A tag the source does not know is asked once, and yields no slot.
        assert!(a.for_blob(&store, b"zzz1").get(b"zzz").is_none());
        assert!(b.for_blob(&store, b"zzz2").get(b"zzz").is_none());
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // Too short to carry a tag: nothing is asked.
        a.for_blob(&store, b"v1");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
}
