# $name (String) - the disk
disk-missing = Disk { $name } is missing.
    .title = Disk missing

# No variables.
disk-broken = The disk is broken.

# $name (String) - the greeting's target
greeting = Hello, { $name }!
