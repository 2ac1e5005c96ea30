## validation.*: Regeln des validator-Crates, Feld für Feld.
## Eine Meldung kann auch $value verwenden, den gesendeten Wert, aber nur für Felder,
## für die der Dienst ihn zeigen will; für alle anderen wird er nie gesendet.

# Keine Variablen.
validation-required = Dieses Feld ist erforderlich.

# Keine Variablen.
validation-email = Muss eine E-Mail-Adresse sein.

# Keine Variablen.
validation-url = Muss eine URL sein.

# $bound (String) - welche Grenzen gelten: min, max, between oder equal
# $min (Integer) - die kleinste erlaubte Länge
# $max (Integer) - die größte erlaubte Länge
# $equal (Integer) - die einzige erlaubte Länge
validation-length = { $bound ->
        [min] Muss mindestens die Länge { $min } haben.
        [max] Darf höchstens die Länge { $max } haben.
        [equal] Muss genau die Länge { $equal } haben.
       *[between] Muss eine Länge zwischen { $min } und { $max } haben.
    }

# $bound (String) - welche Grenzen gelten: min, max, between, above, below oder exclusive_between
# $min (Number) - der kleinste erlaubte Wert
# $max (Number) - der größte erlaubte Wert
# $exclusive_min (Number) - der Wert muss größer sein als dieser
# $exclusive_max (Number) - der Wert muss kleiner sein als dieser
validation-range = { $bound ->
        [min] Muss mindestens { $min } sein.
        [max] Darf höchstens { $max } sein.
        [above] Muss größer als { $exclusive_min } sein.
        [below] Muss kleiner als { $exclusive_max } sein.
        [exclusive_between] Muss größer als { $exclusive_min } und kleiner als { $exclusive_max } sein.
       *[between] Muss zwischen { $min } und { $max } liegen.
    }

# Keine Variablen: validator liefert den Wert des anderen Feldes, der nie gezeigt wird.
validation-must-match = Muss mit dem Feld übereinstimmen, das es wiederholt.

# $needle (String) - der Text, den der Wert enthalten muss
validation-contains = Muss { $needle } enthalten.

# $needle (String) - der Text, den der Wert nicht enthalten darf
validation-does-not-contain = Darf { $needle } nicht enthalten.

# Keine Variablen.
validation-regex = Hat nicht das erwartete Format.

# Keine Variablen.
validation-credit-card = Muss eine Kreditkartennummer sein.

# Keine Variablen.
validation-non-control-character = Darf keine Steuerzeichen enthalten.
