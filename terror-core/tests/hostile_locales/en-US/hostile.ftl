## hostile.*: what a careless or hostile translator could write, kept
## valid Fluent: references that branch four ways, sixteen levels deep,
## and lines that start with blanks other than spaces.

# $count (Integer) - a number
hostile-deep = { level16 }
    .title = Deep

# level0 to level16: each level refers to the one below four times.
level0 = { $count }
level1 = { level0 }{ level0 }{ level0 }{ level0 }
level2 = { level1 }{ level1 }{ level1 }{ level1 }
level3 = { level2 }{ level2 }{ level2 }{ level2 }
level4 = { level3 }{ level3 }{ level3 }{ level3 }
level5 = { level4 }{ level4 }{ level4 }{ level4 }
level6 = { level5 }{ level5 }{ level5 }{ level5 }
level7 = { level6 }{ level6 }{ level6 }{ level6 }
level8 = { level7 }{ level7 }{ level7 }{ level7 }
level9 = { level8 }{ level8 }{ level8 }{ level8 }
level10 = { level9 }{ level9 }{ level9 }{ level9 }
level11 = { level10 }{ level10 }{ level10 }{ level10 }
level12 = { level11 }{ level11 }{ level11 }{ level11 }
level13 = { level12 }{ level12 }{ level12 }{ level12 }
level14 = { level13 }{ level13 }{ level13 }{ level13 }
level15 = { level14 }{ level14 }{ level14 }{ level14 }
level16 = { level15 }{ level15 }{ level15 }{ level15 }

# No variables.
hostile-indented =
    First line,
     second after a no-break space,
    　third after an ideographic space.
    .title = Indented
