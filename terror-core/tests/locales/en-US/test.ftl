## thing.*: errors of the rendering tests

# $name (String) - the thing's name
thing-missing = Thing { $name } is missing.
    .title = Thing missing
    .hint = Create { $name } first.

# $count (Integer) - how many there are
thing-count = There are { $count ->
        [one] { $count } thing
       *[other] { $count } things
    }.

# $name (String) - the item
item-bad = Item { $name } is bad.

# No variables.
batch-failed = The batch failed.
    .title = Batch failed

# $reason (String) - why
outage-unredacted = Outage: { $reason }.
