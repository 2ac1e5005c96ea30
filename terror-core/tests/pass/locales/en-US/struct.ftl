# $limit (Integer) - requests allowed per minute
quota-exceeded = You used all { $limit } requests of this minute.
    .title = Quota exceeded
