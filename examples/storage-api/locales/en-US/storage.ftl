## volume.*: errors about volumes

# $name (String) - the volume name the client asked for
volume-not-found = Volume { $name } was not found.
    .title = Volume not found
    .hint = List existing volumes with GET /volumes.

# $name (String) - the name the client wanted for the new volume
volume-already-exists = A volume named { $name } already exists.
    .title = Volume already exists
    .hint = Choose another name, or delete the existing volume first.

# $name (String) - the volume the client tried to delete
# $hosts (Integer) - how many hosts the volume is attached to
volume-in-use = Volume { $name } cannot be deleted: it is attached to { $hosts ->
        [one] { $hosts } host
       *[other] { $hosts } hosts
    }.
    .title = Volume in use
    .hint = Detach the volume from every host, then delete it.

# No variables: each broken field is listed in the errors member.
volume-invalid = The volume request has invalid fields.
    .title = Invalid volume request
    .hint = Fix every field listed in errors and send the request again.

# $name (String) - the volume the client tried to resize
# $current_gb (Integer) - its size now, in GB
# $requested_gb (Integer) - the smaller size asked for, in GB
volume-shrink-not-allowed = Volume { $name } has { $current_gb } GB and cannot shrink to { $requested_gb } GB.
    .title = Volumes cannot shrink
    .hint = Ask for { $current_gb } GB or more.

## snapshot.*: errors about snapshots

# $volume (String) - the volume
# $number (Integer) - the snapshot number the client asked for
# $count (Integer) - how many snapshots the volume has
snapshot-not-found = Volume { $volume } has no snapshot { $number }: { $count ->
        [0] it has no snapshots yet
        [one] it has only { $count } snapshot
       *[other] it has { $count } snapshots
    }.
    .title = Snapshot not found

## pool.*: errors about storage pools

# $pool (String) - the pool name the client asked for
pool-not-found = Pool { $pool } was not found.
    .title = Pool not found
    .hint = Create the volume in an existing pool, such as fast or bulk.

# $pool (String) - the pool the volume was to be created in
# $requested_gb (Integer) - the size the client asked for, in GB
# $available_gb (Integer) - the free space left in the pool, in GB
pool-capacity-exceeded = Pool { $pool } has { $available_gb } GB free, but { $requested_gb } GB were requested.
    .title = Not enough capacity in pool
    .hint = Request at most { $available_gb } GB, or use another pool.

## validation.*: one problem with one field of a request

# No variables: the field is named by the error's pointer.
validation-required = This field is required.

# $max (Integer) - the maximum length, in characters
validation-too-long = Must be at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    } long.

# $allowed (String) - the allowed characters, such as "a-z, 0-9, -"
validation-invalid-chars = Must use only these characters: { $allowed }.

# $min (Integer) - the smallest allowed value
# $max (Integer) - the largest allowed value
validation-out-of-range = Must be between { $min } and { $max }.

## storage.*: failures of the storage backends

# Redacted: clients see the generic text instead.
# $pool (String) - the pool whose backend failed
storage-backend-unavailable = The storage backend of pool { $pool } is unavailable.
    .title = Storage backend unavailable
