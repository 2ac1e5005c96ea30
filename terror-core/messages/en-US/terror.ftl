## terror: the framework's own messages.
## Shown when an error's details stay on the server, when an error has no
## message in any locale, and as titles for errors without a .title.

# Detail of a server error (5xx) whose details are not shown to clients.
terror-redacted = The server could not complete this request.

# Same, when the request has an id the client can quote.
# $request_id (String) - the request id, also in the response's request_id member
terror-redacted-with-id = The server could not complete this request. If you report it, quote request id { $request_id }.

# Detail of an error that has no message in any available language.
# $code (String) - the stable error code, such as volume.not_found
terror-untranslated = The request failed with error { $code }.

## HTTP status titles: the title of an error whose message has no .title.

http-400 = Bad request
http-401 = Authentication required
http-402 = Payment required
http-403 = Forbidden
http-404 = Not found
http-405 = Method not allowed
http-406 = Not acceptable
http-408 = Request timeout
http-409 = Conflict
http-410 = Gone
http-411 = Length required
http-412 = Precondition failed
http-413 = Content too large
http-414 = URI too long
http-415 = Unsupported media type
http-416 = Range not satisfiable
http-417 = Expectation failed
http-421 = Misdirected request
http-422 = Unprocessable content
http-423 = Locked
http-424 = Failed dependency
http-425 = Too early
http-426 = Upgrade required
http-428 = Precondition required
http-429 = Too many requests
http-431 = Request header fields too large
http-451 = Unavailable for legal reasons
http-500 = Internal server error
http-501 = Not implemented
http-502 = Bad gateway
http-503 = Service unavailable
http-504 = Gateway timeout
http-505 = HTTP version not supported
http-507 = Insufficient storage
http-508 = Loop detected
http-511 = Network authentication required
