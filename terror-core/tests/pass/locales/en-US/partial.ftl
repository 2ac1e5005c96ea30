# $name (String) - the volume; $owner and $attempts are for logs only
lock-conflict = Volume { $name } is locked by someone else.
    .title = Volume locked

# No variables, although the error has some.
lock-timeout = Waiting for the lock took too long.
