## volume.*: errors about volumes

# $name (String) - the volume the client asked for
volume-not-found = Volume { $name } was not found.
    .title = Volume not found

# $pool (String) - the pool
# $requested_gb (Integer) - the size asked for
# $available_gb (Integer) - the space left
volume-no-space = Pool { $pool } has { $available_gb } GB free, { $requested_gb } GB asked.
    .title = Not enough space

volume-invalid = The volume is not valid.
    .title = Invalid volume

# $max (Integer) - the longest name allowed
volume-name-too-long = At most { $max } characters.

volume-snapshots-unavailable = Snapshots are unavailable for now.

# $name (String) - the volume
# $tags (List) - its tags
volume-tagged = Volume { $name } is tagged { $tags }.
    .title = Volume tagged
