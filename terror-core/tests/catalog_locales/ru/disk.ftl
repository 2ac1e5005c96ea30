## disk.*: ошибки дисков

# $disk (String) - диск
# $free_gb (Integer) - свободно, в ГБ
disk-full = На диске { $dsk } свободно { $free_gb ->
        [one] { $free_gb } гигабайт
       *[other] { $free_gb } гигабайт
    }.
    .hint = Освободите { $space } ГБ.

# $ratio (Float) - заполненность, от 0 до 1
disk-ratio = { $ratio ->
        [one] Ровно один.
        [few] Несколько.
        [many] Много.
       *[other] Доля { $ratio }.
    }
