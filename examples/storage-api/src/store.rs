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

/// How the store reaches its storage backends: an address and a service
/// account with its secret. Only the backend connection reads the secret;
/// no error holds it, so no log line or response can show it.
#[derive(Clone, Default)]
pub struct Backend {
    /// The backends' internal address.
    pub address: String,
    /// The service account.
    pub user: String,
    /// The service account's secret.
    pub password: String,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("address", &self.address)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Pools, volumes and snapshots.
#[derive(Debug, Default)]
pub struct Store {
    /// How to reach the storage backends.
    pub backend: Backend,
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
        let mut store = Store {
            // A simulated secret, as a real deployment reads one from its
            // configuration.
            backend: Backend {
                address: "10.20.0.7:7400".to_owned(),
                user: "svc-backup".to_owned(),
                password: "hunter2-s3cr3t".to_owned(),
            },
            ..Store::default()
        };
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

    /// Connects to the backend of `pool`, as a store does before a
    /// snapshot. A real one would open a connection with the account and
    /// secret of [`Store::backend`]; this one knows only whether the pool is
    /// online. An offline pool's backend refuses: the error names the
    /// address and the account, never the secret.
    pub fn connect(&self, pool: &str) -> Result<(), crate::errors::BackendError> {
        if self.pools.get(pool).is_some_and(|p| p.online) {
            Ok(())
        } else {
            Err(crate::errors::BackendError {
                address: self.backend.address.clone(),
                user: self.backend.user.clone(),
            })
        }
    }

    /// The space left in a pool, in GB; `None` for a pool that does not
    /// exist.
    pub fn available_gb(&self, pool: &str) -> Option<u64> {
        let capacity_gb = self.pools.get(pool)?.capacity_gb;
        Some(capacity_gb.saturating_sub(self.used_gb(pool)))
    }
}
