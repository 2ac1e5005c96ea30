# A message whose placeable is never closed.
volume-gone = The volume { $name is gone.
