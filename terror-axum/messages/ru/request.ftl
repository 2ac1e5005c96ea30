## request.*: запросы, которые сервис не смог принять в присланном виде

# $line (Integer) - строка первой ошибки в теле
# $column (Integer) - столбец первой ошибки в теле
request-malformed-json = Тело запроса не является корректным JSON: первая ошибка в строке { $line }, столбце { $column }.
    .title = Некорректный JSON
    .hint = Проверьте тело в этом месте: кавычки, запятые и скобки.
    .description = Тело запроса не является корректным JSON.

# Без переменных: каждое неверное значение перечислено в errors с указателем.
request-invalid-body = Тело запроса не соответствует тому, что принимает этот метод.
    .title = Неверное тело запроса
    .hint = Исправьте все значения из списка errors и повторите запрос.
    .description = Тело запроса — корректный JSON, но не соответствует тому, что принимает метод; `errors` указывает на каждое неверное значение.

# $expected_kind (String) - integer, number, string, boolean, array, object, null или other
# $found_kind (String) - то же для присланного
request-wrong-type = Ожидалось: { $expected_kind ->
        [integer] целое число
        [number] число
        [string] строка
        [boolean] true или false
        [array] массив
        [object] объект
        [null] null
       *[other] значение другого вида
    }; получено: { $found_kind ->
        [integer] целое число
        [number] число
        [string] строка
        [boolean] true или false
        [array] массив
        [object] объект
        [null] null
       *[other] значение другого вида
    }.
    .description = Значение не того вида: например, строка там, где должно быть число.

# $field (String) - имя отсутствующего поля
request-missing-field = Нет обязательного поля { $field }.
    .description = Нет обязательного поля.

# $field (String) - имя неизвестного поля
request-unknown-field = Поле { $field } здесь неизвестно.
    .description = Поле, которого метод не знает.

# $field (String) - имя поля
request-duplicate-field = Поле { $field } указано несколько раз.
    .description = Поле указано дважды.

# $allowed (List) - значения, допустимые здесь, например fast, slow
request-unknown-variant = Это значение не из допустимых здесь: { $allowed }.
    .description = Значение не входит в число имён, которые метод принимает в этом месте (вариантов перечисления).

# $bound (String) - between, если известны min и max, иначе too_large или too_small
# $min (Integer) - наименьшее допустимое значение, если известно
# $max (Integer) - наибольшее допустимое значение, если известно
request-out-of-range = { $bound ->
        [too_large] Это число слишком велико.
        [too_small] Это число слишком мало.
       *[between] Число должно быть от { $min } до { $max }.
    }
    .description = Целое число вне диапазона, который метод принимает в этом месте.

# Без переменных: почему значение отвергнуто, знает только журнал сервиса.
request-invalid-value = Это значение не принимается.
    .description = Значение, которое метод не может принять, по причине, известной только журналу сервиса: что сказал десериализатор (или собственный разбор сервиса), клиентам никогда не показывается.

# $expected (String) - тип содержимого, который принимает метод, например application/json
request-missing-content-type = В запросе нет заголовка Content-Type; этот метод принимает { $expected }.
    .title = Не указан тип содержимого
    .hint = Отправьте тело с заголовком Content-Type: { $expected }.
    .description = В запросе нет заголовка `Content-Type`.

# $expected (String) - тип содержимого, который принимает метод
# $received (String) - присланный Content-Type
request-unsupported-media-type = Этот метод принимает { $expected }, а не { $received }.
    .title = Неподдерживаемый тип содержимого
    .hint = Отправьте тело с заголовком Content-Type: { $expected }.
    .description = Тип содержимого тела не из тех, что принимает метод.

# $limit (Integer) - наибольший размер тела, в байтах
request-body-too-large = Тело запроса больше { $limit } { $limit ->
        [one] байта
        [few] байт
        [many] байт
       *[other] байта
    } — больше, чем принимает сервис.
    .title = Слишком большое тело запроса
    .description = Тело запроса больше, чем принимает сервис.

# Без переменных.
request-unreadable-body = Не удалось прочитать тело запроса.
    .title = Тело запроса не прочитано
    .description = Тело запроса не удалось прочитать (соединение оборвалось посреди тела).

# Без переменных: каждый неверный параметр перечислен в errors с именем.
request-invalid-parameters = Некоторые параметры запроса неверны.
    .title = Неверные параметры
    .hint = Исправьте все параметры из списка errors и повторите запрос.
    .description = Параметры пути или запроса не разбираются; `errors` называет каждый из них.

# $value (String) - присланное значение
# $expected_kind (String) - integer, number, string, boolean, array, object, null или other
request-invalid-parameter = Значение { $value } не подходит: ожидается { $expected_kind ->
        [integer] целое число
        [number] число
        [string] строка
        [boolean] true или false
        [array] массив
        [object] объект
        [null] null
       *[other] значение другого вида
    }.
    .description = Параметр не разбирается как значение того вида, который принимает метод.

# $parameter (String) - имя параметра
request-unknown-parameter = Параметр { $parameter } здесь неизвестен.
    .description = Параметр запроса, которого метод не знает.

# $parameter (String) - имя параметра
request-missing-parameter = Нет обязательного параметра { $parameter }.
    .description = Нет обязательного параметра запроса.

# $path (String) - путь запроса
request-not-found = По адресу { $path } ничего нет.
    .title = Не найдено
    .description = Ни один маршрут не соответствует пути.

# $method (String) - метод запроса, например PUT
request-method-not-allowed = Метод { $method } здесь не разрешён.
    .title = Метод не разрешён
    .hint = Методы, которые принимает этот путь, перечислены в заголовке Allow этого ответа.
    .description = Маршрут есть, но не для этого метода. Заголовок ответа `Allow` перечисляет методы, которые он принимает.

## http.*: сбои вне обработчиков, с их HTTP-статусом

# $status (Integer) - HTTP-статус, например 408
http-error = Запрос завершился со статусом { $status }.
    .description = Сбой вне какого-либо обработчика, сообщённый с его HTTP-статусом.
