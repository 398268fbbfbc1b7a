//! Pieces of YAML text: a scalar, quoted only when it must be; a comment kept on one line.

/// A plain scalar where that is safe, else a double-quoted one.
pub(super) fn yaml_scalar(s: &str, flow: bool) -> String {
    let lower = s.to_ascii_lowercase();
    let special = ["true", "false", "null", "yes", "no", "on", "off", "~"];
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with([' ', ':'])
        && !s.chars().any(|c| c.is_control())
        && !(flow && s.contains([',', '[', ']', '{', '}']))
        && !special.contains(&lower.as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// A comment's text on one line.
pub(super) fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        assert_eq!(yaml_scalar("示例县", false), "示例县");
        assert_eq!(yaml_scalar("a\nb", false), "\"a\\nb\"");
        assert_eq!(yaml_scalar("含1件, 另1件", true), "\"含1件, 另1件\"");
        assert_eq!(yaml_scalar("2020", false), "\"2020\"");
    }
}
