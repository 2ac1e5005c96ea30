# $id (Integer) - the order the client asked for
order-not-found = Order { $id } was not found.
    .tilte = Order not found
    .hint = List your orders with GET /orders.
