# $count (Integer) - число
hostile-deep = { level16 }
    .title = Глубоко

# Нижний уровень использует переменную, которой у ошибки нет.
level0 = { $oops }
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

# Без переменных.
hostile-indented =
    Первая строка,
     вторая после неразрывного пробела,
    　третья после идеографического пробела.
    .title = С отступами
