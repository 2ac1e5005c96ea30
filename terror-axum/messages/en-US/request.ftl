## request.*: requests the service could not take as sent

# $line (Integer) - line of the first error in the body
# $column (Integer) - column of the first error in the body
request-malformed-json = The request body is not valid JSON: the first error is at line { $line }, column { $column }.
    .title = Malformed JSON
    .hint = Check the body at that position: quotes, commas and brackets.

# No variables: each offending value is listed in errors, with its pointer.
request-invalid-body = The request body does not match what this endpoint takes.
    .title = Invalid request body
    .hint = Fix every value listed in errors and send the request again.

# $expected_kind (String) - integer, number, string, boolean, array, object, null or other
# $found_kind (String) - the same words for what was sent
request-wrong-type = Expected { $expected_kind ->
        [integer] an integer
        [number] a number
        [string] a string
        [boolean] true or false
        [array] an array
        [object] an object
        [null] null
       *[other] a different kind of value
    }, got { $found_kind ->
        [integer] an integer
        [number] a number
        [string] a string
        [boolean] true or false
        [array] an array
        [object] an object
        [null] null
       *[other] a different kind of value
    }.

# $field (String) - the missing field's name
request-missing-field = The required field { $field } is missing.

# $field (String) - the unknown field's name
request-unknown-field = The field { $field } is not known here.

# $field (String) - the field's name
request-duplicate-field = The field { $field } is given more than once.

# $allowed (List) - the values accepted here, such as fast, slow
request-unknown-variant = This value is not one of those accepted here: { $allowed }.

# $bound (String) - between when min and max are known, else too_large or too_small
# $min (Integer) - the smallest value accepted, when known
# $max (Integer) - the largest value accepted, when known
request-out-of-range = { $bound ->
        [too_large] This number is too large.
        [too_small] This number is too small.
       *[between] This number must be between { $min } and { $max }.
    }

# No variables: why the value was refused stays in the service's log.
request-invalid-value = This value is not accepted.

# $expected (String) - the media type the endpoint takes, such as application/json
request-missing-content-type = The request has no Content-Type header; this endpoint takes { $expected }.
    .title = Missing content type
    .hint = Send the body with Content-Type: { $expected }.

# $expected (String) - the media type the endpoint takes
# $received (String) - the Content-Type that was sent
request-unsupported-media-type = This endpoint takes { $expected }, not { $received }.
    .title = Unsupported media type
    .hint = Send the body with Content-Type: { $expected }.

# $limit (Integer) - the largest body accepted, in bytes
request-body-too-large = The request body is larger than the { $limit ->
        [one] { $limit } byte
       *[other] { $limit } bytes
    } this service accepts.
    .title = Request body too large

# No variables.
request-unreadable-body = The request body could not be read.
    .title = Unreadable request body

# No variables: each invalid parameter is listed in errors, with its name.
request-invalid-parameters = Some parameters of the request are invalid.
    .title = Invalid parameters
    .hint = Fix every parameter listed in errors and send the request again.

# $value (String) - the value sent
# $expected_kind (String) - integer, number, string, boolean, array, object, null or other
request-invalid-parameter = The value { $value } is not { $expected_kind ->
        [integer] an integer
        [number] a number
        [string] a string
        [boolean] true or false
        [array] an array
        [object] an object
        [null] null
       *[other] a different kind of value
    }.

# $parameter (String) - the parameter's name
request-unknown-parameter = The parameter { $parameter } is not known here.

# $parameter (String) - the parameter's name
request-missing-parameter = The required parameter { $parameter } is missing.

# $path (String) - the request path
request-not-found = Nothing is served at { $path }.
    .title = Not found

# $method (String) - the request method, such as PUT
request-method-not-allowed = { $method } is not allowed here.
    .title = Method not allowed
    .hint = The Allow header of this response lists the methods this path takes.

## http.*: failures outside any handler, reported with their status

# $status (Integer) - the HTTP status, such as 408
http-error = The request failed with status { $status }.
