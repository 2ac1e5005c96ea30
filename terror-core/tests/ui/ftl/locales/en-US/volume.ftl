## volume.*: fixtures of the compile-fail tests

# $name (String) - the volume
volume-not-found = Volume { $nme } was not found.
    .title = Volume not found

# No variables.
volume-gone = The volume is gone.

# $name (String), $count (Integer)
volume-snapshots = Volume { $name } has { $count ->
        [one] one snapshot
        [few] a few snapshots, see { $snapshot }
       *[other] { $count } snapshots
    }.

# $name (String)
volume-locked = Volume { $name } is locked.
    .title = Volume locked
    .hint = Unlock { $owner } first.

-brand = Terror Storage

# $name (String)
volume-owner = owned by { $owner }

# $name (String)
volume-busy = Volume { $name } ({ volume-owner }) on { -brand } is busy.
