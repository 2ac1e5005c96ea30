## terror: die eigenen Meldungen des Frameworks.
## Angezeigt, wenn die Einzelheiten eines Fehlers auf dem Server bleiben, wenn
## ein Fehler in keiner Sprache eine Meldung hat, und als Titel für Fehler ohne .title.

# Text eines Serverfehlers (5xx), dessen Einzelheiten Clients nicht sehen.
terror-redacted = Der Server konnte diese Anfrage nicht ausführen.

# Dasselbe, wenn die Anfrage eine Kennung hat, die der Client nennen kann.
# $request_id (String) - die Anfragekennung, auch im Feld request_id der Antwort
terror-redacted-with-id = Der Server konnte diese Anfrage nicht ausführen. Bitte nennen Sie bei einer Meldung die Anfragekennung { $request_id }.

# Text eines Fehlers, der in keiner verfügbaren Sprache eine Meldung hat.
# $code (String) - der feste Fehlercode, etwa volume.not_found
terror-untranslated = Die Anfrage ist mit dem Fehler { $code } fehlgeschlagen.

## Titel der HTTP-Status: der Titel eines Fehlers, dessen Meldung kein .title hat.

http-400 = Ungültige Anfrage
http-401 = Anmeldung erforderlich
http-402 = Zahlung erforderlich
http-403 = Zugriff verweigert
http-404 = Nicht gefunden
http-405 = Methode nicht erlaubt
http-406 = Nicht annehmbar
http-408 = Zeitüberschreitung der Anfrage
http-409 = Konflikt
http-410 = Nicht mehr vorhanden
http-411 = Länge erforderlich
http-412 = Vorbedingung nicht erfüllt
http-413 = Inhalt zu groß
http-414 = URI zu lang
http-415 = Nicht unterstützter Medientyp
http-416 = Bereich nicht erfüllbar
http-417 = Erwartung nicht erfüllt
http-421 = Fehlgeleitete Anfrage
http-422 = Nicht verarbeitbarer Inhalt
http-423 = Gesperrt
http-424 = Abhängigkeit fehlgeschlagen
http-425 = Zu früh
http-426 = Protokollwechsel erforderlich
http-428 = Vorbedingung erforderlich
http-429 = Zu viele Anfragen
http-431 = Anfrage-Header zu groß
http-451 = Aus rechtlichen Gründen nicht verfügbar
http-500 = Interner Serverfehler
http-501 = Nicht implementiert
http-502 = Fehlerhaftes Gateway
http-503 = Dienst nicht verfügbar
http-504 = Gateway-Zeitüberschreitung
http-505 = HTTP-Version nicht unterstützt
http-507 = Speicher nicht ausreichend
http-508 = Schleife erkannt
http-511 = Netzwerkanmeldung erforderlich
