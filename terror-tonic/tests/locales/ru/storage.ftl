## volume.*: ошибки, связанные с томами

# $name (String) - имя тома, которое запросил клиент
volume-not-found = Том { $name } не найден.
    .title = Том не найден

# $pool (String) - пул
# $requested_gb (Integer) - запрошенный размер
# $available_gb (Integer) - свободное место
volume-no-space = В пуле { $pool } свободно { $available_gb } ГБ, запрошено { $requested_gb } ГБ.
    .title = Недостаточно места

volume-invalid = Том задан неверно.
    .title = Неверный том

# $max (Integer) - наибольшая длина имени
volume-name-too-long = Не более { $max } символов.

volume-snapshots-unavailable = Снимки сейчас недоступны.

# $name (String) - том
# $tags (List) - его метки
volume-tagged = У тома { $name } метки { $tags }.
    .title = Метки тома
