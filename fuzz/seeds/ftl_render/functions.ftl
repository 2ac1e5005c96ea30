-thing = { $case ->
   *[nom] thing
    [gen] thing's
}
size = { NUMBER($n, minimumFractionDigits: 2) } GB of { -thing(case: "gen") } { $x }
ratio = { NUMBER($x) ->
    [one] exactly one
   *[other] { NUMBER($x, maximumFractionDigits: 1) }
}
