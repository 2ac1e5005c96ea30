## pages-*: die HTML-Seiten des Fehlerkatalogs (terror_axum::CatalogPages),
## zu denen die type-URI jedes Problems führt. Titel und Nachricht eines
## Fehlers kommen aus den Dateien des Dienstes; hier stehen die Wörter drumherum.

# Keine Variablen: der Name der Sprache dieser Datei, in ihr selbst. Er
# beschriftet die Links zu den Seiten in dieser Sprache und wird daher nie
# in eine andere übersetzt.
pages-language-name = Deutsch

# Keine Variablen: die Beschriftung der Links zu derselben Seite in anderen Sprachen.
pages-languages = Sprachen

# Keine Variablen: der Link von jeder Seite zurück zur Liste aller Fehler.
pages-all-errors = Alle Fehler

## Die Übersicht: alle Fehlercodes des Dienstes, nach Präfix gruppiert

# Keine Variablen: die Überschrift der Seite, die alle Fehler auflistet.
pages-index-title = Fehlerkatalog

# $count (Integer) - wie viele Fehlercodes der Katalog auflistet
pages-index-intro = Diese API kann mit { $count ->
        [one] { $count } Art von Fehler
       *[other] { $count } Arten von Fehlern
    } antworten. Jeder Fehler hat einen festen Code im Feld code der Antwort; seine Seite erklärt, was er bedeutet, wie eine Antwort mit ihm aussieht und was er in jeder Sprache sagt.

# Keine Variablen: die Beschriftung der Links zu den Gruppen von Codes weiter unten.
pages-groups = Gruppen

# Keine Variablen: die Überschrift der Fehler, deren Codes kein Präfix haben.
pages-group-other = Weitere Fehler

# Keine Variablen: die Überschrift der Spalte der Fehlercodes.
# terror: same-as-source
pages-column-code = Code

# Keine Variablen: die Überschrift der Spalte der HTTP-Status.
# terror: same-as-source
pages-column-status = Status

# Keine Variablen: die Überschrift der Spalte der Fehlertitel.
pages-column-title = Titel

# Keine Variablen: markiert einen veralteten Fehler in der Liste aller Fehler, nach seinem Titel.
pages-index-deprecated = veraltet

## Die Seite eines Fehlers

# $note (String) - der Hinweis zum veralteten Fehler: was stattdessen zu verwenden ist, etwa „Verwenden Sie stattdessen volume.missing.“
pages-deprecated = Veraltet: { $note }

# Keine Variablen: die Beschriftung des Fehlercodes, etwa volume.not_found.
# terror: same-as-source
pages-code = Code

# Keine Variablen: die Beschriftung des HTTP-Status, etwa 404 Nicht gefunden.
# terror: same-as-source
pages-status = Status

# Keine Variablen: die Beschriftung der type-URI des Problems, der Adresse dieser Seite.
pages-type = Typ

# Keine Variablen: die Beschriftung des gRPC-Statuscodes, den ein gRPC-Client erhält, etwa NOT_FOUND.
pages-grpc-code = gRPC-Code

# Keine Variablen: die Beschriftung des reason im gRPC-Detail ErrorInfo, des Fehlercodes in Großbuchstaben, etwa VOLUME_NOT_FOUND.
pages-grpc-reason = gRPC-Grund (reason)

# Keine Variablen: die Beschriftung der Fluent-Nachrichten-ID, für Übersetzer.
pages-message-id = Nachrichten-ID

# Keine Variablen: der Status des Codes http.client_error, als 4xx gezeigt.
pages-http-client-error = Anderer Client-Fehler

# Keine Variablen: der Status des Codes http.server_error, als 5xx gezeigt.
pages-http-server-error = Anderer Server-Fehler

# Keine Variablen: die Überschrift der Beschreibung des Fehlers.
pages-description = Beschreibung

# Keine Variablen: erscheint, wenn die Deklaration des Fehlers keinen Doc-Kommentar hat.
pages-no-description = Dieser Fehler hat noch keine Beschreibung.

# Keine Variablen: die Überschrift der Argumente des Fehlers.
pages-args = Argumente

# Keine Variablen: leitet die Tabelle der Argumente ein.
pages-args-intro = Die Werte im Feld args der Antwort, nach Name, mit ihren Typen.

# Keine Variablen: erscheint, wenn der Fehler keine Argumente hat.
pages-no-args = Dieser Fehler hat keine Argumente.

# Keine Variablen: die Überschrift der Spalte der Argumentnamen.
# terror: same-as-source
pages-arg-name = Name

# Keine Variablen: die Überschrift der Spalte der Argumenttypen.
pages-arg-type = Typ

# Keine Variablen: die Überschrift der Spalte der Schlüssel, unter denen die Argumente in den metadata des gRPC-Details ErrorInfo stehen, etwa requestedGb.
pages-arg-metadata-key = Schlüssel in den gRPC-metadata

# Keine Variablen: die Überschrift der Nachricht des Fehlers in jeder Sprache.
pages-messages = Nachrichten

# Keine Variablen: leitet die Nachrichten ein; die Argumente zeigen Beispielwerte.
pages-messages-intro = Was ein Client in jeder Sprache liest. Beispielwerte stehen für die Argumente, etwa <name> für Text und 1 für Zahlen.

# Keine Variablen: leitet die Nachrichten eines verborgenen Fehlers ein.
pages-messages-redacted = Die eigene Nachricht dieses Fehlers sehen Clients nie. In jeder Sprache lesen sie stattdessen diesen allgemeinen Text.

# Keine Variablen: die Beschriftung des Titels einer Nachricht.
pages-message-title = Titel

# Keine Variablen: die Beschriftung des Textes einer Nachricht, des detail des Problems.
pages-message-detail = Nachricht

# Keine Variablen: die Beschriftung des Hinweises einer Nachricht.
pages-message-hint = Hinweis

# $language (String) - der Name der Sprache, in der die Nachricht stattdessen erscheint, etwa English
pages-untranslated = Noch nicht übersetzt: Clients lesen den Text in dieser Sprache: { $language }.

# Keine Variablen: die Überschrift der Beispielantwort.
pages-example = Beispielantwort

# Keine Variablen: leitet die Beispielantwort ein.
pages-example-intro = Eine Antwort mit diesem Code in der Sprache dieser Seite, mit Beispielwerten.

# Keine Variablen: die Beschriftung dessen, was ein Client beim Wiederholen tun kann.
pages-retry = Wiederholen

# $seconds (Integer) - der Wert des Retry-After-Headers der Antwort, in Sekunden
pages-retry-after = Die Antwort enthält Retry-After: { $seconds }. Dieselbe Anfrage kann gelingen, wenn sie nach { $seconds ->
        [one] { $seconds } Sekunde
       *[other] { $seconds } Sekunden
    } erneut gesendet wird.

# Keine Variablen: der Fehler sagt nicht, wann ein neuer Versuch lohnt.
pages-no-retry = Nicht wiederholbar: Die Antwort enthält keinen Retry-After-Header.

# Keine Variablen: die Beschriftung dessen, was ein Client vom Fehler sieht.
# terror: same-as-source
pages-details = Details

# Keine Variablen: ein Serverfehler, dessen Details Clients nicht sehen.
pages-redacted = Verborgen: Clients sehen nur einen allgemeinen Text und die Anfragekennung. Der vollständige Fehler mit seiner Ursache geht in das Log des Dienstes.

# Keine Variablen: ein Fehler, dessen Details Clients sehen.
pages-shown = Sichtbar: Clients sehen die Nachricht, die Argumente und den Hinweis.

## Die Seite für einen unbekannten Code

# Keine Variablen: die Überschrift der Seite für einen Code, den der Dienst nicht hat.
pages-not-found-title = Unbekannter Fehlercode

# $code (String) - der Code aus der Adresse, gekürzt, wenn er lang ist
pages-not-found = Diese API hat keinen Fehler mit dem Code { $code }.

# Keine Variablen: verweist auf die Liste aller Fehler.
pages-not-found-hint = Die Liste aller Fehler enthält jeden Code, mit dem diese API antwortet.
