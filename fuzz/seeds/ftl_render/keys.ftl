level = { $x ->
    [1] one exactly
    [2.5] two and a half
    [true] yes
    [few] few
   *[other] other { $x }
}
nested = { { $name } } and { 42 } and { -1.50 } and { "\u0041\U01F600" }
