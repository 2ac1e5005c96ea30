## thing.*: ошибки тестов отрисовки

# $name (String) - имя
thing-missing = Вещь { $name } отсутствует.
    .title = Вещь отсутствует

# $count (Integer) - сколько их
thing-count = Всего { $count ->
        [one] { $count } вещь
        [few] { $count } вещи
       *[many] { $count } вещей
    }.
