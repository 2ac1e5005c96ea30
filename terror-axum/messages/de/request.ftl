## request.*: Anfragen, die der Dienst so nicht annehmen konnte

# $line (Integer) - Zeile des ersten Fehlers im Body
# $column (Integer) - Spalte des ersten Fehlers im Body
request-malformed-json = Der Body der Anfrage ist kein gültiges JSON: Der erste Fehler steht in Zeile { $line }, Spalte { $column }.
    .title = Fehlerhaftes JSON
    .hint = Prüfen Sie den Body an dieser Stelle: Anführungszeichen, Kommas und Klammern.
    .description = Der Body ist kein gültiges JSON.

# Keine Variablen: Jeder fehlerhafte Wert steht mit seinem Pointer in errors.
request-invalid-body = Der Body der Anfrage passt nicht zu dem, was dieser Endpunkt annimmt.
    .title = Ungültiger Body
    .hint = Korrigieren Sie alle in errors genannten Werte und senden Sie die Anfrage erneut.
    .description = Der Body ist wohlgeformt, passt aber nicht zu dem, was der Endpunkt annimmt; `errors` zeigt auf jeden fehlerhaften Wert.

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
    .description = Ein Wert hat die falsche Art: etwa eine Zeichenkette, wo eine Zahl hingehört.

# $field (String) - der Name des fehlenden Felds
request-missing-field = Das Pflichtfeld { $field } fehlt.
    .description = Ein Pflichtfeld fehlt.

# $field (String) - der Name des unbekannten Felds
request-unknown-field = Das Feld { $field } ist hier unbekannt.
    .description = Ein Feld, das der Endpunkt nicht kennt.

# $field (String) - der Name des Felds
request-duplicate-field = Das Feld { $field } ist mehrfach angegeben.
    .description = Ein Feld, das zweimal angegeben ist.

# $allowed (List) - die hier zulässigen Werte, etwa fast, slow
request-unknown-variant = Dieser Wert gehört nicht zu den hier zulässigen: { $allowed }.
    .description = Ein Wert, der keiner der Namen ist, die der Endpunkt an dieser Stelle annimmt (die Varianten eines Enums).

# $bound (String) - between, wenn min und max bekannt sind, sonst too_large oder too_small
# $min (Integer) - der kleinste zulässige Wert, wenn bekannt
# $max (Integer) - der größte zulässige Wert, wenn bekannt
request-out-of-range = { $bound ->
        [too_large] Diese Zahl ist zu groß.
        [too_small] Diese Zahl ist zu klein.
       *[between] Die Zahl muss zwischen { $min } und { $max } liegen.
    }
    .description = Eine ganze Zahl außerhalb des Bereichs, den der Endpunkt an dieser Stelle annimmt.

# Keine Variablen: warum der Wert abgelehnt wurde, steht nur im Log des Dienstes.
request-invalid-value = Dieser Wert wird nicht angenommen.
    .description = Ein Wert, den der Endpunkt nicht annehmen kann, aus einem Grund, den nur das Log des Dienstes kennt: Was der Deserializer (oder das eigene Parsen des Dienstes) dazu sagt, wird Clients nie gezeigt.

# $expected (String) - der Medientyp, den der Endpunkt annimmt, etwa application/json
request-missing-content-type = Die Anfrage hat keinen Content-Type-Header; dieser Endpunkt nimmt { $expected } an.
    .title = Medientyp fehlt
    .hint = Senden Sie den Body mit Content-Type: { $expected }.
    .description = Die Anfrage hat keinen `Content-Type`-Header.

# $expected (String) - der Medientyp, den der Endpunkt annimmt
# $received (String) - der gesendete Content-Type
request-unsupported-media-type = Dieser Endpunkt nimmt { $expected } an, nicht { $received }.
    .title = Nicht unterstützter Medientyp
    .hint = Senden Sie den Body mit Content-Type: { $expected }.
    .description = Der Medientyp des Bodys ist keiner, den der Endpunkt annimmt.

# $limit (Integer) - der größte angenommene Body in Byte
request-body-too-large = Der Body der Anfrage ist größer als die { $limit } Byte, die dieser Dienst annimmt.
    .title = Body zu groß
    .description = Der Body ist größer, als der Dienst annimmt.

# Keine Variablen.
request-unreadable-body = Der Body der Anfrage konnte nicht gelesen werden.
    .title = Body nicht lesbar
    .description = Der Body konnte nicht gelesen werden (die Verbindung brach mitten im Body ab).

# Keine Variablen: Jeder ungültige Parameter steht mit seinem Namen in errors.
request-invalid-parameters = Einige Parameter der Anfrage sind ungültig.
    .title = Ungültige Parameter
    .hint = Korrigieren Sie alle in errors genannten Parameter und senden Sie die Anfrage erneut.
    .description = Pfad- oder Query-Parameter lassen sich nicht parsen; `errors` nennt jeden einzelnen.

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
    .description = Ein Parameter lässt sich nicht als die Art von Wert parsen, die der Endpunkt annimmt.

# $parameter (String) - der Name des Parameters
request-unknown-parameter = Der Parameter { $parameter } ist hier unbekannt.
    .description = Ein Query-Parameter, den der Endpunkt nicht kennt.

# $parameter (String) - der Name des Parameters
request-missing-parameter = Der Pflichtparameter { $parameter } fehlt.
    .description = Ein erforderlicher Query-Parameter fehlt.

# $path (String) - der Pfad der Anfrage
request-not-found = Unter { $path } gibt es nichts.
    .title = Nicht gefunden
    .description = Keine Route passt zu dem Pfad.

# $method (String) - die Methode der Anfrage, etwa PUT
request-method-not-allowed = { $method } ist hier nicht erlaubt.
    .title = Methode nicht erlaubt
    .hint = Der Allow-Header dieser Antwort nennt die Methoden, die dieser Pfad annimmt.
    .description = Die Route gibt es, aber nicht für diese Methode. Der `Allow`-Header der Antwort nennt die Methoden, die sie annimmt.

## http.*: Fehler außerhalb der Handler, mit ihrem HTTP-Status

# $status (Integer) - der HTTP-Status, etwa 408
http-error = Die Anfrage ist mit dem Status { $status } fehlgeschlagen.
    .description = Ein Fehler außerhalb jedes Handlers, gemeldet mit seinem HTTP-Status.
