a = { b } A
b = { a } B
c = { missing } C
only-attrs =
    .title = Title { $n }
