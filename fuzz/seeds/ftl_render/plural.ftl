items = { $count ->
    [0] No items
    [one] One item
   *[other] { $count } items
}
    .title = Items of { $name }
