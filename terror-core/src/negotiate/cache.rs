//! The negotiation cache: bounded, sharded, and keyed with a randomly
//! seeded hash, so that hostile traffic (every request with a header never
//! seen before) costs each request its own negotiation and nothing more.
//!
//! - A lookup takes one shard's read lock; a miss writes to that shard
//!   only, so threads negotiating distinct headers rarely meet.
//! - A full shard evicts its oldest entry to make room: a flood of new
//!   headers wears the cache down a little at a time, and a header seen a
//!   moment ago is still there; nothing ever clears everything.
//! - Keys are hashed with foldhash under a random seed chosen per cache: a
//!   client cannot know which headers collide. (A shard holds a few dozen
//!   entries, so even colliding keys would cost a few dozen comparisons.)
//!   foldhash rather than std's SipHash: a cached lookup is on every
//!   request's path, and SipHash made it markedly slower there (the
//!   measurement is in docs/performance.md).

use std::borrow::Borrow;
use std::collections::HashMap;
use std::collections::VecDeque;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::sync::RwLock;

use foldhash::fast::RandomState;

use super::LocaleChain;

/// Shards of a cache; a power of two.
const SHARDS: usize = 16;

/// A bounded map from a key (a header's text, or the ranges it asks for)
/// to the chain negotiated for it (or, for one language tag, to the
/// locales it matches).
#[derive(Debug)]
pub(super) struct ChainCache<K, V = LocaleChain> {
    hasher: RandomState,
    shards: Box<[RwLock<Shard<K, V>>]>,
    per_shard: usize,
}

#[derive(Debug)]
struct Shard<K, V> {
    /// By the key's hash; the key is kept to tell hashes that collide apart.
    entries: HashMap<u64, (K, V), BuildHasherDefault<AlreadyHashed>>,
    /// Hashes in insertion order, oldest first.
    order: VecDeque<u64>,
}

impl<K, V> Default for Shard<K, V> {
    fn default() -> Self {
        Shard {
            entries: HashMap::default(),
            order: VecDeque::new(),
        }
    }
}

impl<K: Hash + Eq, V: Clone> ChainCache<K, V> {
    /// A cache holding at most about `capacity` chains.
    pub(super) fn new(capacity: usize) -> Self {
        ChainCache {
            hasher: RandomState::default(),
            shards: (0..SHARDS).map(|_| RwLock::default()).collect(),
            per_shard: capacity.div_ceil(SHARDS).max(1),
        }
    }

    fn shard(&self, hash: u64) -> &RwLock<Shard<K, V>> {
        // The high bits pick the shard; the map uses all of them.
        &self.shards[(hash >> 58) as usize % SHARDS]
    }

    /// The hash `key` is cached under, for [`get_hashed`](Self::get_hashed)
    /// and [`insert_hashed`](Self::insert_hashed): a miss that caches what
    /// it computed then hashes the key once.
    pub(super) fn hash<Q: Hash + ?Sized>(&self, key: &Q) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The value cached for `key`.
    #[cfg(test)]
    pub(super) fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.get_hashed(self.hash(key), key)
    }

    /// The value cached for `key`, whose [`hash`](Self::hash) is `hash`.
    pub(super) fn get_hashed<Q>(&self, hash: u64, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        let shard = self.shard(hash).read().ok()?;
        match shard.entries.get(&hash) {
            Some((stored, value)) if stored.borrow() == key => Some(value.clone()),
            _ => None,
        }
    }

    /// Caches `value` for `key`, whose [`hash`](Self::hash) is `hash`,
    /// evicting the shard's oldest entry when it is full.
    pub(super) fn insert_hashed(&self, hash: u64, key: K, value: &V) {
        let Ok(mut shard) = self.shard(hash).write() else {
            return;
        };
        let shard = &mut *shard;
        if let Some(entry) = shard.entries.get_mut(&hash) {
            // Another thread got here first, or two keys share a hash: the
            // newer one wins, in the older one's place in the order.
            *entry = (key, value.clone());
            return;
        }
        while shard.entries.len() >= self.per_shard {
            match shard.order.pop_front() {
                Some(oldest) => {
                    shard.entries.remove(&oldest);
                }
                None => break,
            }
        }
        shard.entries.insert(hash, (key, value.clone()));
        shard.order.push_back(hash);
    }

    /// How many values are cached.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.read().map_or(0, |s| s.entries.len()))
            .sum()
    }

    /// The most values the cache holds.
    #[cfg(test)]
    pub(super) fn capacity(&self) -> usize {
        self.per_shard * SHARDS
    }
}

/// The map of a shard is keyed by a hash computed already.
#[derive(Debug, Default)]
struct AlreadyHashed(u64);

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; fold anything else in all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
