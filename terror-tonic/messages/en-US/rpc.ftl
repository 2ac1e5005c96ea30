## rpc.*: failures of a call that no handler reported

# $method (String) - the method's path, such as /storage.v1.Storage/GetVolume
rpc-unimplemented = This server has no method { $method }.
    .title = Unknown method
    .hint = Check the service and method names against the server's .proto file.

rpc-invalid-message = The request message could not be read as this method's request.
    .title = Invalid request message
    .hint = Send the message type the method's definition names.

rpc-message-too-large = The request message is larger than this server accepts.
    .title = Message too large

# $message (String) - what the panic said (never shown: the error is redacted)
rpc-panicked = The server could not complete this call.
    .title = Internal error

rpc-deadline-exceeded = The call took longer than its deadline allows.
    .title = Deadline exceeded
    .hint = Retry with a longer deadline, or later.
