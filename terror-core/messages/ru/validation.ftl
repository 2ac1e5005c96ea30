## validation.*: правила крейта validator, по одному полю.
## Сообщение может использовать и $value, присланное значение, но только для полей,
## для которых сервис решил его показывать; для остальных оно не передаётся.

# Без переменных.
validation-required = Это поле обязательно.

# Без переменных.
validation-email = Должен быть адрес электронной почты.

# Без переменных.
validation-url = Должен быть URL.

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

# Без переменных: validator передаёт значение другого поля, его не показываем.
validation-must-match = Должно совпадать с полем, которое оно повторяет.

# $needle (String) - текст, который значение должно содержать
validation-contains = Должно содержать { $needle }.

# $needle (String) - текст, которого в значении быть не должно
validation-does-not-contain = Не должно содержать { $needle }.

# Без переменных.
validation-regex = Не соответствует ожидаемому формату.

# Без переменных.
validation-credit-card = Должен быть номер банковской карты.

# Без переменных.
validation-non-control-character = Не должно содержать управляющих символов.
