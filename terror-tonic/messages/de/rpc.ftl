## rpc.*: Fehler eines Aufrufs, die kein Handler gemeldet hat

# $method (String) - der Pfad der Methode, etwa /storage.v1.Storage/GetVolume
rpc-unimplemented = Dieser Server hat keine Methode { $method }.
    .title = Unbekannte Methode
    .hint = Vergleichen Sie Dienst- und Methodennamen mit der .proto-Datei des Servers.

rpc-invalid-message = Die Anfragenachricht ließ sich nicht als Anfrage dieser Methode lesen.
    .title = Ungültige Anfragenachricht
    .hint = Senden Sie den Nachrichtentyp, den die Definition der Methode nennt.

rpc-message-too-large = Die Anfragenachricht ist größer, als dieser Server annimmt.
    .title = Nachricht zu groß

# $message (String) - was die Panik sagte (nie gezeigt: der Fehler ist geschwärzt)
rpc-panicked = Der Server konnte diesen Aufruf nicht ausführen.
    .title = Interner Fehler

rpc-deadline-exceeded = Der Aufruf dauerte länger, als seine Frist erlaubt.
    .title = Frist überschritten
    .hint = Wiederholen Sie den Aufruf mit längerer Frist oder später.
