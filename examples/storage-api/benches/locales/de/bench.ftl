## disk.*: der Fehler des Integer-Falls im Render-Benchmark

# $disk (String) - der Name der Platte
# $free_gb (Integer) - der noch freie Platz, in GB
disk-full = Auf der Platte { $disk } sind nur noch { $free_gb } GB frei.
    .title = Platte voll
