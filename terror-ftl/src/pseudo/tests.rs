use super::*;
use crate::Messages;

fn pseudo(source: &str, style: Style) -> String {
    let parsed = crate::parse(source).unwrap();
    resource(&parsed.body, style)
}

/// The ids, variables and plural selectors of every message, to compare a
/// pseudo-locale with its source.
fn shape(source: &str) -> Vec<(String, Vec<String>, Vec<Vec<String>>)> {
    let resource = crate::parse(source).unwrap();
    let messages = Messages::new([(source, &resource.body)]);
    let mut ids: Vec<&str> = messages.ids().collect();
    ids.sort_unstable();
    ids.into_iter()
        .map(|id| {
            let variables = messages.variables(id).unwrap();
            let selects = messages.plural_selects(id).unwrap();
            (
                id.to_owned(),
                variables.iter().map(|v| v.name.to_owned()).collect(),
                selects
                    .iter()
                    .map(|s| s.keys.iter().map(ToString::to_string).collect())
                    .collect(),
            )
        })
        .collect()
}

const SOURCE: &str = "\
## volume.*: errors about volumes

# $name (String) - the volume
volume-gone = Volume { $name } is gone.
    .title = Gone
    .hint = Send GET /volumes/{ $name }/snapshots to see what is left.
-brand = Acme
mention = { -brand } says { other.title } in `{ $name } --force`.
hosts = { $n ->
    [one] one host, see https://example.com/{ $n }
   *[other] { $n } hosts with request_id
}
lines = First line
    second line, with volume.not_found
";

#[test]
fn text_changes_and_syntax_does_not() {
    assert_eq!(
        pseudo(SOURCE, Style::Accented),
        "\
## volume.*: errors about volumes

# $name (String) - the volume
volume-gone = [Ṽooŀuuḿee { $name } iş ɠooƞee.]
    .title = [Ɠooƞee]
    .hint = [Şeeƞḓ GET /volumes/{ $name }/snapshots ŧoo şeeee ẇħaaŧ iş ŀeeƒŧ.]

-brand = Aƈḿee

mention = [{ -brand } şaaẏş { other.title } iƞ `{ $name } --force`.]

hosts =
    { \"[\" }{ $n ->
        [one] ooƞee ħooşŧ, şeeee https://example.com/{ $n }
       *[other] { $n } ħooşŧş ẇiŧħ request_id
    }]

lines =
    { \"[\" }Ƒiřşŧ ŀiƞee
    şeeƈooƞḓ ŀiƞee, ẇiŧħ volume.not_found]
"
    );
}

#[test]
fn the_result_has_the_messages_variables_and_selectors_of_its_source() {
    for style in [Style::Accented, Style::Mirrored] {
        let out = pseudo(SOURCE, style);
        assert!(crate::parse(&out).is_ok(), "{out}");
        assert_eq!(shape(&out), shape(SOURCE));
    }
}

#[test]
fn mirrored_text_reads_right_to_left() {
    let out = pseudo("gone = Volume { $name } is gone.\n", Style::Mirrored);
    assert_eq!(
        out,
        "gone = [\u{202e}Ʌoʅnɯǝ\u{202c} { $name } \u{202e}ıs\u{202c} \u{202e}ƃouǝ.\u{202c}]\n"
    );
}

#[test]
fn junk_is_left_out() {
    let source = "ok = Fine\nbroken = {\n";
    let parsed = fluent_syntax::parser::parse(source).unwrap_err().0;
    assert_eq!(resource(&parsed.body, Style::Accented), "ok = [Ƒiƞee]\n");
}
