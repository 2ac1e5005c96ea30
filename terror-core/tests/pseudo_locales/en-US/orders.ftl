## orders.*: a library's errors, registered with the framework's messages
## as terror-axum registers its request.* messages

# No variables.
orders-moved = This endpoint moved: send GET /v2/orders instead (see https://docs.example.com/orders).
    .title = Orders moved
