## volume.*: Fehler zu Volumes

# $name (String) - der Volume-Name, nach dem der Client gefragt hat
volume-not-found = Das Volume { $name } wurde nicht gefunden.
    .title = Volume nicht gefunden
    .hint = Die vorhandenen Volumes liefert GET /volumes.

# $name (String) - der Name, den das neue Volume erhalten sollte
volume-already-exists = Ein Volume namens { $name } existiert bereits.
    .title = Volume existiert bereits
    .hint = Wählen Sie einen anderen Namen oder löschen Sie zuerst das vorhandene Volume.

# $name (String) - das Volume, das gelöscht werden sollte
# $hosts (Integer) - mit wie vielen Hosts das Volume verbunden ist
volume-in-use = Das Volume { $name } kann nicht gelöscht werden: Es ist mit { $hosts ->
        [one] einem Host
       *[other] { $hosts } Hosts
    } verbunden.
    .title = Volume in Verwendung
    .hint = Trennen Sie das Volume von allen Hosts und löschen Sie es dann.

# Keine Variablen: Jedes fehlerhafte Feld steht in errors.
volume-invalid = Die Volume-Anfrage enthält ungültige Felder.
    .title = Ungültige Volume-Anfrage
    .hint = Korrigieren Sie alle in errors genannten Felder und senden Sie die Anfrage erneut.

# $name (String) - das Volume, dessen Größe geändert werden sollte
# $current_gb (Integer) - seine jetzige Größe in GB
# $requested_gb (Integer) - die kleinere angefragte Größe in GB
volume-shrink-not-allowed = Das Volume { $name } hat { $current_gb } GB und kann nicht auf { $requested_gb } GB verkleinert werden.
    .title = Volumes können nicht schrumpfen
    .hint = Fragen Sie { $current_gb } GB oder mehr an.

## snapshot.*: Fehler zu Snapshots

# $volume (String) - das Volume
# $number (Integer) - die angefragte Snapshot-Nummer
# $count (Integer) - wie viele Snapshots das Volume hat
snapshot-not-found = Das Volume { $volume } hat keinen Snapshot { $number }: { $count ->
        [0] Es hat noch keine Snapshots
        [one] Es hat nur { $count } Snapshot
       *[other] Es hat { $count } Snapshots
    }.
    .title = Snapshot nicht gefunden

## pool.*: Fehler zu Speicherpools

# $pool (String) - der Pool-Name, nach dem der Client gefragt hat
pool-not-found = Der Pool { $pool } wurde nicht gefunden.
    .title = Pool nicht gefunden
    .hint = Legen Sie das Volume in einem vorhandenen Pool an, etwa fast oder bulk.

# $pool (String) - der Pool, in dem das Volume angelegt werden sollte
# $requested_gb (Integer) - die angefragte Größe in GB
# $available_gb (Integer) - der freie Platz im Pool in GB
pool-capacity-exceeded = Im Pool { $pool } sind { $available_gb } GB frei, angefragt wurden { $requested_gb } GB.
    .title = Nicht genug Platz im Pool
    .hint = Fragen Sie höchstens { $available_gb } GB an oder nutzen Sie einen anderen Pool.

## validation.*: ein Problem mit einem Feld der Anfrage

# Keine Variablen: Das Feld nennt der pointer des Fehlers.
validation-required = Dieses Feld ist erforderlich.

# $max (Integer) - die größte erlaubte Länge in Zeichen
validation-too-long = Darf höchstens { $max } Zeichen lang sein.

# $allowed (String) - die erlaubten Zeichen, etwa „a-z, 0-9, -“
validation-invalid-chars = Darf nur diese Zeichen enthalten: { $allowed }.

# $min (Integer) - der kleinste erlaubte Wert
# $max (Integer) - der größte erlaubte Wert
validation-out-of-range = Muss zwischen { $min } und { $max } liegen.

## storage.*: Ausfälle der Speicher-Backends

# Clients sehen stattdessen den allgemeinen Text, sofern der Fehler nicht offengelegt ist.
# $pool (String) - der Pool, dessen Backend ausgefallen ist
storage-backend-unavailable = Das Speicher-Backend des Pools { $pool } ist nicht erreichbar.
    .title = Speicher-Backend nicht erreichbar
