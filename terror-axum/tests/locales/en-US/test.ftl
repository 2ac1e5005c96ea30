# $name (String) - the disk
disk-missing = Disk { $name } is missing.
    .title = Disk missing

# No variables.
disk-broken = The disk is broken.

# $name (String) - the greeting's target
greeting = Hello, { $name }!

# No variables: each broken item is listed in errors.
batch-invalid = The batch has invalid items.

# No variables.
item-invalid = This item is invalid.

# $name (String) - the disk
disk-failed = Disk { $name } failed.
