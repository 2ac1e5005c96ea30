# $count (Integer) - how many snapshots
snapshots-too-many = { $count ->
        [0] There are no snapshots.
        [one] There is one snapshot.
       *[other] There are { $count } snapshots.
    }
    .title = { $count ->
        [one] Snapshot
       *[other] Snapshots
    }

# $size (Number) - in GiB
snapshots-too-large = The snapshot is { NUMBER($size, minimumFractionDigits: 1) } GiB.
