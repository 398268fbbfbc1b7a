//! Keys that tell the edition, keys written as labels, and typos.

use crate::format::{self, Edition};
use crate::input::yaml::Node;

/// The edition whose keys table 二 uses, when not every edition has them (`procurement`,
/// `last_year` → 2019; `issued`, `in_force`, `fees.amount` → 2021): the first that has them.
pub(super) fn guess_edition(proactive: Option<&Node>) -> Option<Edition> {
    let rows = proactive?.as_map()?;
    let editions = format::all();
    for (k, v) in rows {
        let Some((row, _)) = k.as_scalar() else {
            continue;
        };
        let telling = |col: Option<&str>| {
            let has: Vec<Edition> = editions
                .iter()
                .copied()
                .filter(|e| {
                    e.proactive_row(row).is_some_and(|(b, _)| {
                        col.is_none_or(|c| b.columns.iter().any(|x| x.key == c))
                    })
                })
                .collect();
            has.first().copied().filter(|_| has.len() < editions.len())
        };
        if let Some(e) = telling(None) {
            return Some(e);
        }
        for (ck, _) in v.as_map().unwrap_or(&[]) {
            let Some((col, _)) = ck.as_scalar() else {
                continue;
            };
            if let Some(e) = telling(Some(col)) {
                return Some(e);
            }
        }
    }
    None
}

/// A key written as its official label (`总体情况:` for `overview:`, `行政许可:` for
/// `licensing:`): the key whose label it is.
pub(super) fn label_to_key<'v>(written: &str, valid: &[&'v str]) -> Option<&'v str> {
    let norm = |s: &str| -> String {
        let s = s.trim();
        // Drop a leading 一、 or （一） enumerator.
        let s = s
            .split_once('、')
            .filter(|(a, _)| a.chars().count() <= 2)
            .map_or(s, |(_, b)| b);
        s.trim_start_matches(|c: char| "（）一二三四五六七八九十".contains(c))
            .to_string()
    };
    let w = norm(written);
    if w.is_empty() || w.is_ascii() {
        return None;
    }
    let mut labels: Vec<(&str, String)> = format::TOP_KEYS
        .iter()
        .map(|k| (k.key, k.label.to_string()))
        .collect();
    for e in format::all() {
        labels.extend(
            e.proactive_rows()
                .map(|(_, r)| (r.key, r.label.to_string())),
        );
    }
    labels.extend(format::OUTCOME_ROWS.iter().map(|o| {
        (
            o.path[o.path.len() - 1],
            o.label.unwrap_or(o.group).to_string(),
        )
    }));
    labels
        .into_iter()
        .find(|(k, l)| {
            valid.contains(k) && (norm(l) == w || (w.chars().count() >= 2 && norm(l).contains(&w)))
        })
        .and_then(|(k, _)| valid.iter().copied().find(|v| *v == k))
}

/// The valid key nearest to a typo, if one is near enough to be meant.
pub fn nearest<'v>(typo: &str, valid: &[&'v str]) -> Option<&'v str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', ' '], "_");
    let t = norm(typo);
    valid
        .iter()
        .map(|v| {
            (
                *v,
                strsim::levenshtein(&t, &norm(v)),
                strsim::jaro_winkler(&t, &norm(v)),
            )
        })
        .filter(|(v, d, jw)| *d <= (v.len() / 3).max(2) || *jw >= 0.88)
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(v, ..)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key() {
        assert_eq!(
            nearest(
                "carried_foward",
                &["carried_forward", "carried_over", "new"]
            ),
            Some("carried_forward")
        );
        assert_eq!(
            nearest("reconsidration", &["reconsideration", "litigation"]),
            Some("reconsideration")
        );
        assert_eq!(nearest("zzz", &["reconsideration", "litigation"]), None);
    }
}
