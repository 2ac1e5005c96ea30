## disk.*: errors of a crate that names terror-core another way

# $id (Integer) - the disk's number
disk-gone = Disk { $id } is gone.
    .title = Disk gone

# No variables.
disk-failing = The disks are failing.
    .title = Disks failing
