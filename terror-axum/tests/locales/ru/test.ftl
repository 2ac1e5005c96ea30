# $name (String) - диск
disk-missing = Диск { $name } отсутствует.
    .title = Диск отсутствует

# Без переменных.
disk-broken = Диск сломан.

# $name (String) - кого приветствуем
greeting = Привет, { $name }!

# Без переменных: каждый неверный элемент перечислен в errors.
batch-invalid = В пакете есть неверные элементы.

# Без переменных.
item-invalid = Этот элемент неверен.

# $name (String) - диск
disk-failed = Диск { $name } отказал.
