volume-not-found = Volume { $name } was not found.
    .title = Volume not found
    .hint = Check the name { $name } and try again.
