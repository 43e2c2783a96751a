//! What of a node a pod may request: capacity less the kubelet's and the system's reserve and
//! the eviction threshold (Kubernetes "Reserve Compute Resources for System Daemons":
//! allocatable = capacity − kube-reserved − system-reserved − eviction threshold).
//!
//! The reserve follows the formula GKE documents and EKS's AMIs apply (the one the learnk8s
//! "Kubernetes instance calculator" uses):
//!
//! | resource | reserved |
//! |---|---|
//! | CPU | 6 % of the first core, 1 % of the second, 0.5 % of the next 2, 0.25 % of every core above 4 |
//! | memory | 25 % of the first 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % of the next 112, 2 % above 128 GiB |
//! | eviction | 100 MiB of memory (`memory.available<100Mi`, the kubelet's hard eviction threshold) |
//!
//! Reserves are rounded up (1 millicore, 1 MiB), so allocatable is never overstated.
//!
//! An app replica is sized to the node it runs on, one replica a node as the plan counts
//! them: its limits are the node's allocatable, its requests that less [`DAEMONSET_MILLICORES`]
//! and [`DAEMONSET_MEMORY_MIB`] for the DaemonSets every node runs (kube-proxy, the network
//! plugin, a log agent), so the scheduler can place it beside them.

/// Hard eviction threshold the kubelet keeps free (`memory.available<100Mi`), in MiB.
pub const EVICTION_MEMORY_MIB: u64 = 100;

/// CPU left on a node for its DaemonSets when an app replica's request is sized, in
/// millicores (kube-proxy requests 100 m on EKS and GKE).
pub const DAEMONSET_MILLICORES: u64 = 100;

/// Memory left on a node for its DaemonSets when an app replica's request is sized, in MiB
/// (a network plugin and a log agent).
pub const DAEMONSET_MEMORY_MIB: u64 = 256;

/// MiB in a GiB.
const MIB_PER_GIB: f64 = 1024.0;

/// CPU reserve tiers: (cores in the tier, share reserved).
const CPU_TIERS: [(f64, f64); 4] = [(1.0, 0.06), (1.0, 0.01), (2.0, 0.005), (f64::MAX, 0.0025)];

/// Memory reserve tiers: (GiB in the tier, share reserved).
const MEMORY_TIERS: [(f64, f64); 5] = [
    (4.0, 0.25),
    (4.0, 0.20),
    (8.0, 0.10),
    (112.0, 0.06),
    (f64::MAX, 0.02),
];

/// `amount` spread over `tiers` (size, share), each tier's share applied to the part of the
/// amount in it.
fn tiered(amount: f64, tiers: &[(f64, f64)]) -> f64 {
    let mut left = amount.max(0.0);
    let mut reserved = 0.0;
    for &(size, share) in tiers {
        let part = left.min(size);
        reserved += part * share;
        left -= part;
    }
    reserved
}

/// A finite, non-negative value rounded up to a whole number (0 otherwise).
fn whole_up(value: f64) -> u64 {
    let value = value.ceil();
    if value.is_finite() && value >= 0.0 {
        // Saturates for absurd values.
        value as u64
    } else {
        0
    }
}

/// A node type: its capacity and what the kubelet keeps of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeSpec {
    /// The instance type, as the plan's catalog names it ("m7g.large").
    pub instance_type: String,
    /// CPU capacity, in millicores.
    pub capacity_millicores: u64,
    /// Memory capacity, in MiB.
    pub capacity_memory_mib: u64,
    /// CPU reserved for the kubelet and the system, in millicores.
    pub reserved_millicores: u64,
    /// Memory reserved for the kubelet and the system, in MiB (the eviction threshold apart).
    pub reserved_memory_mib: u64,
    /// Memory the kubelet keeps free before it evicts pods, in MiB.
    pub eviction_memory_mib: u64,
}

impl NodeSpec {
    /// The node `instance_type` with `cores` CPUs and `memory_mib` of memory, its reserve by
    /// the GKE/EKS formula (see the [module](self) documentation).
    ///
    /// # Example
    /// ```
    /// use headroom_core::export::NodeSpec;
    /// // m7g.large as the catalog gives it: 2 vCPU, 8 GB = 7 629 MiB.
    /// let node = NodeSpec::new("m7g.large", 2.0, 7629);
    /// assert_eq!(node.reserved_millicores, 70); // 6 % of 1 000 m + 1 % of 1 000 m
    /// assert_eq!(node.reserved_memory_mib, 1731); // 25 % of 4 096 + 20 % of 3 533, up
    /// assert_eq!(node.allocatable_millicores(), 1930);
    /// assert_eq!(node.allocatable_memory_mib(), 7629 - 1731 - 100);
    /// ```
    pub fn new(instance_type: &str, cores: f64, memory_mib: u64) -> Self {
        let capacity_millicores = whole_up((cores * 1000.0).round());
        let cores = capacity_millicores as f64 / 1000.0;
        let gib = memory_mib as f64 / MIB_PER_GIB;
        Self {
            instance_type: instance_type.to_owned(),
            capacity_millicores,
            capacity_memory_mib: memory_mib,
            reserved_millicores: whole_up(tiered(cores, &CPU_TIERS) * 1000.0),
            reserved_memory_mib: whole_up(tiered(gib, &MEMORY_TIERS) * MIB_PER_GIB),
            eviction_memory_mib: EVICTION_MEMORY_MIB,
        }
    }

    /// CPU pods may request, in millicores: capacity less the reserve.
    pub fn allocatable_millicores(&self) -> u64 {
        self.capacity_millicores
            .saturating_sub(self.reserved_millicores)
    }

    /// Memory pods may request, in MiB: capacity less the reserve and the eviction threshold.
    pub fn allocatable_memory_mib(&self) -> u64 {
        self.capacity_memory_mib
            .saturating_sub(self.reserved_memory_mib)
            .saturating_sub(self.eviction_memory_mib)
    }

    /// An app replica's CPU request on this node, in millicores: allocatable less
    /// [`DAEMONSET_MILLICORES`], at least half of allocatable.
    pub fn request_millicores(&self) -> u64 {
        let allocatable = self.allocatable_millicores();
        allocatable
            .saturating_sub(DAEMONSET_MILLICORES)
            .max(allocatable / 2)
    }

    /// An app replica's memory request on this node, in MiB: allocatable less
    /// [`DAEMONSET_MEMORY_MIB`], at least half of allocatable.
    pub fn request_memory_mib(&self) -> u64 {
        let allocatable = self.allocatable_memory_mib();
        allocatable
            .saturating_sub(DAEMONSET_MEMORY_MIB)
            .max(allocatable / 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reserve_follows_the_tiers() {
        // 16 cores: 60 + 10 + 10 + 12 × 2.5 = 110 m.
        let node = NodeSpec::new("m7g.4xlarge", 16.0, 64 * 1024);
        assert_eq!(node.reserved_millicores, 110);
        // 64 GiB: 1 + 0.8 + 0.8 + 48 × 0.06 = 5.48 GiB = 5 611.52 MiB, up.
        assert_eq!(node.reserved_memory_mib, 5612);
        // 256 GiB: 1 + 0.8 + 0.8 + 6.72 + 128 × 0.02 = 11.88 GiB.
        let big = NodeSpec::new("x", 64.0, 256 * 1024);
        assert_eq!(big.reserved_memory_mib, 12166);
        // Half a core: 6 % of it.
        assert_eq!(NodeSpec::new("t", 0.5, 512).reserved_millicores, 30);
    }

    #[test]
    fn absurd_capacities_stay_total() {
        for (cores, memory) in [
            (f64::NAN, 0),
            (-1.0, 1),
            (f64::INFINITY, u64::MAX),
            (0.0, 50),
        ] {
            let node = NodeSpec::new("x", cores, memory);
            assert!(node.allocatable_millicores() <= node.capacity_millicores);
            assert!(node.allocatable_memory_mib() <= node.capacity_memory_mib);
            assert!(node.request_millicores() <= node.allocatable_millicores());
            assert!(node.request_memory_mib() <= node.allocatable_memory_mib());
        }
    }

    #[test]
    fn requests_leave_room_for_daemonsets() {
        let node = NodeSpec::new("m7g.large", 2.0, 7629);
        assert_eq!(node.request_millicores(), 1830);
        assert_eq!(node.request_memory_mib(), 5798 - 256);
        // A small node keeps at least half its allocatable for the app.
        let small = NodeSpec::new("tiny", 0.15, 300);
        assert_eq!(small.allocatable_millicores(), 141);
        assert_eq!(small.request_millicores(), 70);
        assert_eq!(
            small.request_memory_mib(),
            small.allocatable_memory_mib() / 2
        );
    }
}
