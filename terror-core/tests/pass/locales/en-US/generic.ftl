# $value - the rejected value
wrapped-bad-value = The value { $value } is not allowed.
    .title = Bad value

# No variables.
wrapped-missing = A value is missing.
