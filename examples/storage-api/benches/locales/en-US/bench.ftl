## disk.*: the error of the render benchmark's integer case

# $disk (String) - the disk's name
# $free_gb (Integer) - the free space left, in GB
disk-full = Disk { $disk } has only { $free_gb } GB free.
    .title = Disk full
