# $id (Integer) - the disk
disk-full = Disk { $id } is full.

# No variables.
api-unauthorized = Sign in first.
