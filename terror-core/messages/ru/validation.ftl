## validation.*: правила крейта validator, по одному полю.
## Сообщение может использовать и $value, присланное значение, но только для полей,
## для которых сервис решил его показывать; для остальных оно не передаётся.

# Без переменных.
validation-required = Это поле обязательно.
    .description = Нет обязательного поля (правило `required` крейта validator).

# Без переменных.
validation-email = Должен быть адрес электронной почты.
    .description = Не адрес электронной почты (правило `email` крейта validator).

# Без переменных.
validation-url = Должен быть URL.
    .description = Не URL (правило `url` крейта validator).

# $bound (String) - какие ограничения заданы: min, max, between или equal
# $min (Integer) - наименьшая допустимая длина
# $max (Integer) - наибольшая допустимая длина
# $equal (Integer) - единственная допустимая длина
validation-length = { $bound ->
        [min] Длина должна быть не меньше { $min }.
        [max] Длина должна быть не больше { $max }.
        [equal] Длина должна быть ровно { $equal }.
       *[between] Длина должна быть от { $min } до { $max }.
    }
    .description = Текст или список неверной длины (правило `length` крейта validator); `bound` говорит, какие границы заданы: `min`, `max`, `between` или `equal`.

# $bound (String) - какие ограничения заданы: min, max, between, above, below или exclusive_between
# $min (Number) - наименьшее допустимое значение
# $max (Number) - наибольшее допустимое значение
# $exclusive_min (Number) - значение должно быть больше этого
# $exclusive_max (Number) - значение должно быть меньше этого
validation-range = { $bound ->
        [min] Значение должно быть не меньше { $min }.
        [max] Значение должно быть не больше { $max }.
        [above] Значение должно быть больше { $exclusive_min }.
        [below] Значение должно быть меньше { $exclusive_max }.
        [exclusive_between] Значение должно быть больше { $exclusive_min } и меньше { $exclusive_max }.
       *[between] Значение должно быть от { $min } до { $max }.
    }
    .description = Число вне диапазона (правило `range` крейта validator); `bound` говорит, какие границы заданы: `min`, `max`, `between`, `above`, `below` или `exclusive_between`.

# Без переменных: validator передаёт значение другого поля, его не показываем.
validation-must-match = Должно совпадать с полем, которое оно повторяет.
    .description = Поле, которое должно повторять другое, его не повторяет (правило `must_match` крейта validator).

# $needle (String) - текст, который значение должно содержать
validation-contains = Должно содержать { $needle }.
    .description = В тексте нет того, что он должен содержать (правило `contains` крейта validator).

# $needle (String) - текст, которого в значении быть не должно
validation-does-not-contain = Не должно содержать { $needle }.
    .description = Текст содержит то, чего не должен (правило `does_not_contain` крейта validator).

# Без переменных.
validation-regex = Не соответствует ожидаемому формату.
    .description = Текст не в ожидаемом формате (правило `regex` крейта validator).

# Без переменных.
validation-credit-card = Должен быть номер банковской карты.
    .description = Не номер банковской карты (правило `credit_card` крейта validator).

# Без переменных.
validation-non-control-character = Не должно содержать управляющих символов.
    .description = Текст с управляющими символами (правило `non_control_character` крейта validator).
