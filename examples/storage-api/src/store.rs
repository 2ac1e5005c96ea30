//! The in-memory storage system behind the API.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

/// A storage pool.
#[derive(Debug, Clone, Serialize)]
pub struct Pool {
    /// The pool's name.
    pub name: String,
    /// Its capacity in GB.
    pub capacity_gb: u64,
    /// Whether its backend answers; snapshots need it.
    #[serde(skip)]
    pub online: bool,
}

/// A volume.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ToSchema)]
pub struct Volume {
    /// The volume's name.
    pub name: String,
    /// The pool it lives in.
    pub pool: String,
    /// Its size in GB.
    pub size_gb: u64,
    /// The hosts it is attached to.
    pub hosts: Vec<String>,
}

/// A snapshot of a volume.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Snapshot {
    /// The snapshot's name.
    pub name: String,
    /// The volume it copies.
    pub volume: String,
}

/// Pools, volumes and snapshots.
#[derive(Debug, Default)]
pub struct Store {
    /// Pools by name.
    pub pools: BTreeMap<String, Pool>,
    /// Volumes by name.
    pub volumes: BTreeMap<String, Volume>,
    /// How many snapshots each volume has had.
    pub snapshot_counts: BTreeMap<String, u32>,
    /// Each volume's labels, once set.
    pub labels: BTreeMap<String, crate::Labels>,
}

impl Store {
    /// The store every server starts with: pools `fast` (1000 GB) and `bulk`
    /// (10000 GB, its backend offline); volumes `db-01` (fast, 100 GB, three
    /// hosts), `logs` (bulk, 500 GB, one host) and `scratch` (fast, 50 GB).
    pub fn seeded() -> Self {
        let mut store = Store::default();
        for (name, capacity_gb, online) in [("fast", 1000, true), ("bulk", 10_000, false)] {
            store.pools.insert(
                name.to_owned(),
                Pool {
                    name: name.to_owned(),
                    capacity_gb,
                    online,
                },
            );
        }
        for (name, pool, size_gb, hosts) in [
            ("db-01", "fast", 100, &["host-a", "host-b", "host-c"][..]),
            ("logs", "bulk", 500, &["host-a"][..]),
            ("scratch", "fast", 50, &[][..]),
        ] {
            store.volumes.insert(
                name.to_owned(),
                Volume {
                    name: name.to_owned(),
                    pool: pool.to_owned(),
                    size_gb,
                    hosts: hosts.iter().map(|h| (*h).to_owned()).collect(),
                },
            );
        }
        store
    }

    /// The space used in a pool, in GB.
    pub fn used_gb(&self, pool: &str) -> u64 {
        self.volumes
            .values()
            .filter(|v| v.pool == pool)
            .map(|v| v.size_gb)
            .sum()
    }

    /// The space left in a pool, in GB; `None` for a pool that does not
    /// exist.
    pub fn available_gb(&self, pool: &str) -> Option<u64> {
        let capacity_gb = self.pools.get(pool)?.capacity_gb;
        Some(capacity_gb.saturating_sub(self.used_gb(pool)))
    }
}
