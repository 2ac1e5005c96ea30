## disk.*: Fehler zu Datenträgern

# $disk (String) - der Datenträger
# $free_gb (Integer) - freier Platz in GB
disk-full = Auf { $disk } sind nur { $free_gb } GB frei.

# $disk (String) - der Datenträger
disk-gone = { $disk } ist weg.
    .tilte = Datenträger entfernt

# $ratio (Float) - Füllgrad von 0 bis 1
disk-ratio = { $ratio ->
        [one] Genau eins.
       *[other] Anteil { $ratio }.
    }
