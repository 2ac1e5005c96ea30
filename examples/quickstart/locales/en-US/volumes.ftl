## volume.*: errors about volumes

# $name (String) - the volume name the client asked for
volume-not-found = Volume { $name } was not found.
    .title = Volume not found
    .hint = List existing volumes with GET /volumes.

# $name (String) - the volume the client tried to delete
# $hosts (Integer) - how many hosts the volume is attached to
volume-in-use = Volume { $name } cannot be deleted: it is attached to { $hosts ->
        [one] { $hosts } host
       *[other] { $hosts } hosts
    }.
    .title = Volume in use
