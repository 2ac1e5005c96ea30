//! The negotiation caches: bounded, and keyed with a randomly seeded hash,
//! so that hostile traffic (every request with a header never seen before)
//! costs each request its own negotiation and nothing more.
//!
//! - [`KeptCache`], for headers as sent: what every request with a repeated
//!   header reads. It keeps what it is given for as long as it lives, and
//!   is read without a lock, lending its chains: a hit writes no shared
//!   memory. A flood fills it once; then keys that find no room go to the
//!   next level.
//! - [`ChainCache`], for what a header parses into (and for the locales
//!   one tag matches): sharded, a lookup takes one shard's read lock, and a
//!   miss writes to that shard only. A full shard evicts its oldest entry
//!   to make room: a flood of new ranges wears the cache down a little at
//!   a time, and one seen a moment ago is still there; nothing ever clears
//!   everything.
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
use std::sync::{OnceLock, RwLock};

use foldhash::fast::RandomState;

use super::LocaleChain;

/// Shards of a cache; a power of two.
const SHARDS: usize = 16;

/// A bounded map from a key (the ranges a header asks for) to the chain
/// negotiated for it (or, for one language tag, to the locales it
/// matches).
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

/// How many slots, from the one its hash picks, a [`KeptCache`] looks
/// at for a key.
const PROBES: usize = 8;

/// A bounded map that keeps every entry for as long as it lives and is
/// read without a lock, so that it lends its values rather than cloning
/// them: a hit writes to no memory that other threads read (no lock word,
/// no reference count of a popular chain), and costs a hash, a few loads
/// and one comparison of the key.
///
/// Entries are never replaced: a key is put in the first free slot of the
/// [`PROBES`] its hash picks, and once those are taken it is not kept.
/// Hostile traffic (every request with a header never seen before) can
/// fill the map once, and no more: what was kept before stays, and keys
/// that find no slot are served by the caller's next level (for
/// negotiation, the [`ChainCache`] of parsed ranges). Keys are hashed
/// under a random seed chosen per map, as in [`ChainCache`].
///
/// The slots are allocated by the first insert: a localizer whose
/// requests never use a map (one for `?lang=` overrides, say) pays
/// nothing for it.
#[derive(Debug)]
pub(super) struct KeptCache<K, V = LocaleChain> {
    hasher: RandomState,
    slots: OnceLock<Box<[Slot<K, V>]>>,
    /// How many slots the first insert allocates: a power of two.
    capacity: usize,
}

/// A slot of a [`KeptCache`]: empty, or for good a key's hash, the key
/// and its value. The hash is kept so that a probe passes a slot of
/// another key by comparing one word, not the two keys: a header never
/// seen before looks at up to [`PROBES`] slots, all of other keys once
/// the map is full.
type Slot<K, V> = OnceLock<(u64, K, V)>;

/// What a [`KeptCache`] has for a key.
#[derive(Debug)]
pub(super) enum Lookup<'a, V> {
    /// The key's value, lent.
    Kept(&'a V),
    /// Not there, and a slot its hash picks is free: an insert may keep it.
    Room,
    /// Not there, and every slot its hash picks is taken by other keys for
    /// good: an insert would keep nothing, so the caller need not make the
    /// key it would keep.
    Full,
}

impl<K: Hash + Eq, V> KeptCache<K, V> {
    /// A map of `slots` slots, rounded up to a power of two.
    pub(super) fn new(slots: usize) -> Self {
        KeptCache {
            hasher: RandomState::default(),
            slots: OnceLock::new(),
            capacity: slots.next_power_of_two(),
        }
    }

    /// The hash `key` is kept under.
    pub(super) fn hash<Q: Hash + ?Sized>(&self, key: &Q) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The slots `hash` picks in `slots`, in the order they are tried.
    fn probe(slots: &[Slot<K, V>], hash: u64) -> impl Iterator<Item = &Slot<K, V>> {
        let mask = slots.len().wrapping_sub(1);
        // The low bits pick the slot; truncating the hash keeps them.
        #[allow(clippy::cast_possible_truncation)]
        let start = hash as usize;
        (0..PROBES.min(slots.len())).map(move |i| &slots[start.wrapping_add(i) & mask])
    }

    /// What is kept for `key`, whose [`hash`](Self::hash) is `hash`.
    #[inline]
    pub(super) fn lookup<Q>(&self, hash: u64, key: &Q) -> Lookup<'_, V>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        let Some(slots) = self.slots.get() else {
            return Lookup::Room;
        };
        for slot in Self::probe(slots, hash) {
            match slot.get() {
                Some((kept_hash, kept, value)) if *kept_hash == hash && kept.borrow() == key => {
                    return Lookup::Kept(value);
                }
                Some(_) => {}
                // Slots are taken in order and never freed: past a free
                // one, no slot holds the key.
                None => return Lookup::Room,
            }
        }
        Lookup::Full
    }

    /// The value kept for `key`, whose [`hash`](Self::hash) is `hash`.
    #[cfg(test)]
    pub(super) fn get<Q>(&self, hash: u64, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        match self.lookup(hash, key) {
            Lookup::Kept(value) => Some(value),
            Lookup::Room | Lookup::Full => None,
        }
    }

    /// How many values are kept.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.slots.get().map_or(0, |slots| {
            slots.iter().filter(|s| s.get().is_some()).count()
        })
    }

    /// Whether the slots are allocated.
    #[cfg(test)]
    pub(super) fn allocated(&self) -> bool {
        self.slots.get().is_some()
    }

    /// The most values the map keeps.
    #[cfg(test)]
    pub(super) fn capacity(&self) -> usize {
        self.capacity
    }

    /// Keeps a copy of `value` for `key`, whose [`hash`](Self::hash) is
    /// `hash`, and lends it; `None` when every slot the hash picks is taken
    /// by other keys.
    pub(super) fn insert(&self, hash: u64, key: K, value: &V) -> Option<&V>
    where
        V: Clone,
    {
        let slots = self
            .slots
            .get_or_init(|| (0..self.capacity).map(|_| OnceLock::new()).collect());
        let mut key = key;
        for slot in Self::probe(slots, hash) {
            if slot.get().is_none() {
                match slot.set((hash, key, value.clone())) {
                    Ok(()) => return slot.get().map(|(_, _, value)| value),
                    // Another thread took the slot in between, perhaps for
                    // the same key: read it as a taken one.
                    Err((_, back, _)) => key = back,
                }
            }
            if let Some((kept_hash, kept, value)) = slot.get() {
                if *kept_hash == hash && *kept == key {
                    return Some(value);
                }
            }
        }
        None
    }
}
