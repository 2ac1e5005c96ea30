# $id (Integer) - the order number the client asked for
order-not-found = Order { $id } was not found.
    .title = Order not found
