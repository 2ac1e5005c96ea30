# $key (String) - the unknown key, $line (Integer) - where it is
config-unknown-key = Unknown key { $key } on line { $line }.
