## validation.*: rules of the validator crate, one field at a time.
## Every message may also use $value, the value that was sent, for the fields
## a service chooses to show it for; for every other field it is never sent.

# No variables.
validation-required = This field is required.

# No variables.
validation-email = Must be an email address.

# No variables.
validation-url = Must be a URL.

# $bound (String) - which limits apply: min, max, between or equal
# $min (Integer) - the smallest length allowed
# $max (Integer) - the largest length allowed
# $equal (Integer) - the only length allowed
validation-length = { $bound ->
        [min] Must have a length of at least { $min }.
        [max] Must have a length of at most { $max }.
        [equal] Must have a length of exactly { $equal }.
       *[between] Must have a length between { $min } and { $max }.
    }

# $bound (String) - which limits apply: min, max, between, above, below or exclusive_between
# $min (Number) - the smallest value allowed
# $max (Number) - the largest value allowed
# $exclusive_min (Number) - the value must be greater than this
# $exclusive_max (Number) - the value must be less than this
validation-range = { $bound ->
        [min] Must be at least { $min }.
        [max] Must be at most { $max }.
        [above] Must be greater than { $exclusive_min }.
        [below] Must be less than { $exclusive_max }.
        [exclusive_between] Must be greater than { $exclusive_min } and less than { $exclusive_max }.
       *[between] Must be between { $min } and { $max }.
    }

# No variables: validator gives the other field's value, never shown.
validation-must-match = Must match the field it repeats.

# $needle (String) - the text the value must contain
validation-contains = Must contain { $needle }.

# $needle (String) - the text the value must not contain
validation-does-not-contain = Must not contain { $needle }.

# No variables.
validation-regex = Does not have the expected format.

# No variables.
validation-credit-card = Must be a credit card number.

# No variables.
validation-non-control-character = Must not contain control characters.
