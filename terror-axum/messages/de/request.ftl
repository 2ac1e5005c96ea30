## request.*: Anfragen, die der Dienst so nicht annehmen konnte

# $line (Integer) - Zeile des ersten Fehlers im Body
# $column (Integer) - Spalte des ersten Fehlers im Body
request-malformed-json = Der Body der Anfrage ist kein gültiges JSON: Der erste Fehler steht in Zeile { $line }, Spalte { $column }.
    .title = Fehlerhaftes JSON
    .hint = Prüfen Sie den Body an dieser Stelle: Anführungszeichen, Kommas und Klammern.

# Keine Variablen: Jeder fehlerhafte Wert steht mit seinem Pointer in errors.
request-invalid-body = Der Body der Anfrage passt nicht zu dem, was dieser Endpunkt annimmt.
    .title = Ungültiger Body
    .hint = Korrigieren Sie alle in errors genannten Werte und senden Sie die Anfrage erneut.

# $expected_kind (String) - integer, number, string, boolean, array, object, null oder other
# $found_kind (String) - dieselben Wörter für das Gesendete
request-wrong-type = Erwartet war { $expected_kind ->
        [integer] eine Ganzzahl
        [number] eine Zahl
        [string] eine Zeichenkette
        [boolean] true oder false
        [array] ein Array
        [object] ein Objekt
        [null] null
       *[other] ein Wert anderer Art
    }, erhalten { $found_kind ->
        [integer] eine Ganzzahl
        [number] eine Zahl
        [string] eine Zeichenkette
        [boolean] true oder false
        [array] ein Array
        [object] ein Objekt
        [null] null
       *[other] ein Wert anderer Art
    }.

# $field (String) - der Name des fehlenden Felds
request-missing-field = Das Pflichtfeld { $field } fehlt.

# $field (String) - der Name des unbekannten Felds
request-unknown-field = Das Feld { $field } ist hier unbekannt.

# $field (String) - der Name des Felds
request-duplicate-field = Das Feld { $field } ist mehrfach angegeben.

# $allowed (List) - die hier zulässigen Werte, etwa fast, slow
request-unknown-variant = Dieser Wert gehört nicht zu den hier zulässigen: { $allowed }.

# $bound (String) - between, wenn min und max bekannt sind, sonst too_large oder too_small
# $min (Integer) - der kleinste zulässige Wert, wenn bekannt
# $max (Integer) - der größte zulässige Wert, wenn bekannt
request-out-of-range = { $bound ->
        [too_large] Diese Zahl ist zu groß.
        [too_small] Diese Zahl ist zu klein.
       *[between] Die Zahl muss zwischen { $min } und { $max } liegen.
    }

# Keine Variablen: warum der Wert abgelehnt wurde, steht nur im Log des Dienstes.
request-invalid-value = Dieser Wert wird nicht angenommen.

# $expected (String) - der Medientyp, den der Endpunkt annimmt, etwa application/json
request-missing-content-type = Die Anfrage hat keinen Content-Type-Header; dieser Endpunkt nimmt { $expected } an.
    .title = Medientyp fehlt
    .hint = Senden Sie den Body mit Content-Type: { $expected }.

# $expected (String) - der Medientyp, den der Endpunkt annimmt
# $received (String) - der gesendete Content-Type
request-unsupported-media-type = Dieser Endpunkt nimmt { $expected } an, nicht { $received }.
    .title = Nicht unterstützter Medientyp
    .hint = Senden Sie den Body mit Content-Type: { $expected }.

# $limit (Integer) - der größte angenommene Body in Byte
request-body-too-large = Der Body der Anfrage ist größer als die { $limit } Byte, die dieser Dienst annimmt.
    .title = Body zu groß

# Keine Variablen.
request-unreadable-body = Der Body der Anfrage konnte nicht gelesen werden.
    .title = Body nicht lesbar

# Keine Variablen: Jeder ungültige Parameter steht mit seinem Namen in errors.
request-invalid-parameters = Einige Parameter der Anfrage sind ungültig.
    .title = Ungültige Parameter
    .hint = Korrigieren Sie alle in errors genannten Parameter und senden Sie die Anfrage erneut.

# $value (String) - der gesendete Wert
# $expected_kind (String) - integer, number, string, boolean, array, object, null oder other
request-invalid-parameter = Der Wert { $value } passt nicht: erwartet wird { $expected_kind ->
        [integer] eine Ganzzahl
        [number] eine Zahl
        [string] eine Zeichenkette
        [boolean] true oder false
        [array] ein Array
        [object] ein Objekt
        [null] null
       *[other] ein Wert anderer Art
    }.

# $parameter (String) - der Name des Parameters
request-unknown-parameter = Der Parameter { $parameter } ist hier unbekannt.

# $parameter (String) - der Name des Parameters
request-missing-parameter = Der Pflichtparameter { $parameter } fehlt.

# $path (String) - der Pfad der Anfrage
request-not-found = Unter { $path } gibt es nichts.
    .title = Nicht gefunden

# $method (String) - die Methode der Anfrage, etwa PUT
request-method-not-allowed = { $method } ist hier nicht erlaubt.
    .title = Methode nicht erlaubt
    .hint = Der Allow-Header dieser Antwort nennt die Methoden, die dieser Pfad annimmt.

## http.*: Fehler außerhalb der Handler, mit ihrem HTTP-Status

# $status (Integer) - der HTTP-Status, etwa 408
http-error = Die Anfrage ist mit dem Status { $status } fehlgeschlagen.
