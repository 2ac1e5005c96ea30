# $name (String) - диск
disk-missing = Диск { $name } отсутствует.
    .title = Диск отсутствует

# Без переменных.
disk-broken = Диск сломан.

# $name (String) - кого приветствуем
greeting = Привет, { $name }!
