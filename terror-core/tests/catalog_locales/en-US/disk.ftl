## disk.*: errors about disks

# $disk (String) - the disk
# $free_gb (Integer) - free space left, in GB
disk-full = Disk { $disk } has only { $free_gb ->
        [one] { $free_gb } GB
       *[other] { $free_gb } GB
    } free.
    .title = Disk full

# $disk (String) - the disk
disk-gone = Disk { $disk } is gone.

# $ratio (Float) - how full, from 0 to 1
disk-ratio = { $ratio ->
        [one] Exactly one.
       *[other] Ratio { $ratio }.
    }
