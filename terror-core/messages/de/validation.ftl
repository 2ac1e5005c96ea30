## validation.*: Regeln des validator-Crates, Feld für Feld.
## Eine Meldung kann auch $value verwenden, den gesendeten Wert, aber nur für Felder,
## für die der Dienst ihn zeigen will; für alle anderen wird er nie gesendet.

# Keine Variablen.
validation-required = Dieses Feld ist erforderlich.
    .description = Ein Pflichtfeld fehlt (Regel `required` des validator-Crates).

# Keine Variablen.
validation-email = Muss eine E-Mail-Adresse sein.
    .description = Keine E-Mail-Adresse (Regel `email` des validator-Crates).

# Keine Variablen.
validation-url = Muss eine URL sein.
    .description = Keine URL (Regel `url` des validator-Crates).

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
    .description = Ein Text oder eine Liste mit falscher Länge (Regel `length` des validator-Crates); `bound` sagt, welche Grenzen gesetzt sind: `min`, `max`, `between` oder `equal`.

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
    .description = Eine Zahl außerhalb des Bereichs (Regel `range` des validator-Crates); `bound` sagt, welche Grenzen gesetzt sind: `min`, `max`, `between`, `above`, `below` oder `exclusive_between`.

# Keine Variablen: validator liefert den Wert des anderen Feldes, der nie gezeigt wird.
validation-must-match = Muss mit dem Feld übereinstimmen, das es wiederholt.
    .description = Ein Feld, das ein anderes wiederholen muss, tut es nicht (Regel `must_match` des validator-Crates).

# $needle (String) - der Text, den der Wert enthalten muss
validation-contains = Muss { $needle } enthalten.
    .description = Einem Text fehlt, was er enthalten muss (Regel `contains` des validator-Crates).

# $needle (String) - der Text, den der Wert nicht enthalten darf
validation-does-not-contain = Darf { $needle } nicht enthalten.
    .description = Ein Text enthält, was er nicht enthalten darf (Regel `does_not_contain` des validator-Crates).

# Keine Variablen.
validation-regex = Hat nicht das erwartete Format.
    .description = Ein Text hat nicht das erwartete Format (Regel `regex` des validator-Crates).

# Keine Variablen.
validation-credit-card = Muss eine Kreditkartennummer sein.
    .description = Keine Kreditkartennummer (Regel `credit_card` des validator-Crates).

# Keine Variablen.
validation-non-control-character = Darf keine Steuerzeichen enthalten.
    .description = Ein Text mit Steuerzeichen (Regel `non_control_character` des validator-Crates).
