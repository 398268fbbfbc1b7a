//! Writing the YAML text: the placed report, with a `# 待核对:` comment at every problem.

use super::place::{Found, Importer, WriteInput};
use super::scalar::{one_line, yaml_scalar};
use crate::diag::{Code, messages};
use crate::format::{
    self, APPLICANT_COLUMNS, AppRowRole, Edition, OUTCOME_COLUMNS, OUTCOME_ROWS, SECTION_TITLES,
};
use crate::input::load::CHECK_MARK;
use std::fmt::Write as _;

impl Importer<'_> {
    /// The YAML text of the placed report: the top keys, the six sections, the header that
    /// says how many places to check.
    pub(super) fn write(&mut self, mut w: WriteInput) -> String {
        let mut s = String::new();
        for c in std::mem::take(&mut w.found.general) {
            let _ = writeln!(s, "# {c}");
        }
        self.write_top(&mut s, &w);
        if !w.texts[0].is_empty() {
            s.push('\n');
            write_text(&mut s, "preface", &w.texts[0]);
        }
        let overview = std::mem::take(&mut w.texts[1]);
        self.text_section(&mut s, &w.heads, 0, "overview", &overview);
        self.write_proactive(&mut s, w.edition, &mut w.found);
        self.write_applications(&mut s, w.edition, &mut w.found);
        self.write_outcomes(&mut s, &mut w.found);
        let problems = std::mem::take(&mut w.texts[5]);
        self.text_section(&mut s, &w.heads, 4, "problems", &problems);
        let other = std::mem::take(&mut w.texts[6]);
        self.text_section(&mut s, &w.heads, 5, "other_matters", &other);
        self.header() + &s
    }

    /// `year`, `agency`, `edition`, `kind`, `title`, `published`.
    fn write_top(&mut self, s: &mut String, w: &WriteInput) {
        let WriteInput {
            title,
            title_line,
            year,
            agency,
            edition,
            evidence,
            published,
            ..
        } = w;
        match year {
            Some(y) => {
                let _ = writeln!(s, "year: {y}");
            }
            None => {
                let c = self.flag(
                    Code::ImportMissing,
                    *title_line,
                    "year",
                    messages::no_year(),
                );
                let _ = writeln!(s, "# {c}\n# year: ");
            }
        }
        match &agency {
            Some(a) => {
                let _ = writeln!(s, "agency: {}", yaml_scalar(a, false));
            }
            None => {
                let c = self.flag(
                    Code::ImportMissing,
                    *title_line,
                    "agency",
                    messages::no_agency(),
                );
                let _ = writeln!(s, "# {c}\n# agency: ");
            }
        }
        match &evidence {
            Some(labels) => {
                let shown: Vec<&str> = labels.iter().take(3).map(String::as_str).collect();
                let _ = writeln!(
                    s,
                    "edition: {}  # {}",
                    edition.key(),
                    one_line(&messages::edition_from_labels(&shown))
                );
            }
            None => {
                let _ = writeln!(s, "# edition: {}", messages::edition_by_year(*edition));
            }
        }
        if let Some(a) = &agency {
            let township = ["镇人民政府", "乡人民政府", "街道办事处"]
                .iter()
                .any(|x| a.ends_with(x));
            // A county-level-or-higher government's own report (淮安市人民政府) has the later
            // deadline; said, and left to the clerk to correct in the rare other case.
            if a.ends_with("人民政府") && !township {
                let _ = writeln!(s, "kind: government  # {}", messages::government_hint());
            }
        }
        if let Some(t) = &title {
            let _ = writeln!(s, "title: {}", yaml_scalar(t, false));
        }
        if let Some((d, _)) = published {
            let _ = writeln!(s, "published: {d}");
        }
    }

    /// A text section with its title, and a check when the title was not found.
    fn text_section(
        &mut self,
        s: &mut String,
        heads: &[Option<usize>; 6],
        k: usize,
        key: &str,
        texts: &[(String, usize)],
    ) {
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[k]);
        if heads[k].is_none() {
            let c = self.flag(
                Code::ImportMissing,
                None,
                key,
                messages::section_missing(SECTION_TITLES[k]),
            );
            let _ = writeln!(s, "# {c}");
        }
        if let Some((_, line)) = texts.first() {
            self.sources.push((key.to_string(), *line));
        }
        write_text(s, key, texts);
    }

    /// Table 二.
    fn write_proactive(&mut self, s: &mut String, edition: Edition, found: &mut Found) {
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[1]);
        let mut body = String::new();
        let mut i = 0;
        for block in edition.proactive() {
            let _ = writeln!(body, "  # {}", block.item);
            for r in block.rows {
                match found.proactive[i].take() {
                    Some(row) => {
                        self.sources
                            .push((format!("proactive.{}", r.key), row.line));
                        comment_lines(&mut body, "  ", &row.checks);
                        let info = if row.infos.is_empty() {
                            String::new()
                        } else {
                            format!("  # {}", one_line(&row.infos.join("；")))
                        };
                        let _ = writeln!(body, "  {}: {{{}}}{info}", r.key, row.cells.join(", "));
                    }
                    None if !found.seen_proactive[i] => {
                        let c = self.flag(
                            Code::ImportMissing,
                            None,
                            &format!("proactive.{}", r.key),
                            messages::proactive_row_missing(r.label, block.item),
                        );
                        let _ = writeln!(body, "  # {c}");
                    }
                    None => {}
                }
                i += 1;
            }
        }
        comment_lines(&mut body, "  ", &found.unplaced[0]);
        if body.lines().any(|l| !l.trim_start().starts_with('#')) {
            let _ = write!(s, "proactive:\n{body}");
        } else {
            let _ = write!(s, "proactive: {{}}\n{body}");
        }
    }

    /// Table 三: a parent key only where some row below it is present.
    fn write_applications(&mut self, s: &mut String, edition: Edition, found: &mut Found) {
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[2]);
        let mut columns = APPLICANT_COLUMNS.map(|c| c.1).to_vec();
        columns.push(format::TOTAL_LABEL);
        let _ = writeln!(s, "# {}", messages::columns_in_order(&columns));
        let rows = edition.application_rows();
        let present: Vec<bool> = found.apps.iter().map(Option::is_some).collect();
        let mut body = String::new();
        let mut open: Vec<&str> = Vec::new();
        for (ri, r) in rows.iter().enumerate() {
            let parents = &r.path[..r.path.len() - 1];
            while !parents.starts_with(&open) {
                open.pop();
            }
            // Open a parent only if some row below it is present (else it would be null).
            while open.len() < parents.len() {
                let prefix = &parents[..open.len() + 1];
                let any = rows
                    .iter()
                    .zip(&present)
                    .any(|(r, p)| *p && r.path.starts_with(prefix));
                if !any {
                    break;
                }
                let key = parents[open.len()];
                open.push(key);
                let comment = if open.len() == 1 {
                    format::RESULTS_GROUP.to_string()
                } else {
                    r.group.unwrap_or_default().to_string()
                };
                let _ = writeln!(body, "{}{key}:  # {comment}", "  ".repeat(open.len()));
            }
            let indent = "  ".repeat(open.len() + 1);
            let key = r.path.last().expect("a key");
            match found.apps[ri].take() {
                Some(row) => {
                    self.sources
                        .push((format!("applications.{}", r.dotted()), row.line));
                    comment_lines(&mut body, &indent, &row.checks);
                    let _ = writeln!(body, "{indent}{key}: [{}]", row.figures.join(", "));
                }
                None if !found.seen_apps[ri] => {
                    let c = self.flag(
                        Code::ImportMissing,
                        None,
                        &format!("applications.{}", r.dotted()),
                        messages::application_row_missing(
                            &r.full_label(),
                            r.role == AppRowRole::ResultsTotal,
                        ),
                    );
                    let _ = writeln!(body, "{indent}# {c}");
                }
                None => {}
            }
        }
        comment_lines(&mut body, "  ", &found.unplaced[1]);
        if body.lines().any(|l| !l.trim_start().starts_with('#')) {
            let _ = write!(s, "applications:\n{body}");
        } else {
            let _ = write!(s, "applications: {{}}\n{body}");
        }
    }

    /// Table 四.
    fn write_outcomes(&mut self, s: &mut String, found: &mut Found) {
        s.push('\n');
        let _ = writeln!(s, "# {}", SECTION_TITLES[3]);
        let _ = writeln!(
            s,
            "# {}",
            messages::columns_in_order(&OUTCOME_COLUMNS.map(|c| c.1))
        );
        match found.outcomes.take() {
            Some([rec, direct, after]) => {
                self.sources.push(("reconsideration".into(), rec.line));
                self.sources.push(("litigation".into(), direct.line));
                comment_lines(s, "", &rec.checks);
                let _ = writeln!(s, "reconsideration: [{}]", rec.figures.join(", "));
                let _ = writeln!(s, "litigation:");
                for (row, desc) in [(direct, &OUTCOME_ROWS[1]), (after, &OUTCOME_ROWS[2])] {
                    comment_lines(s, "  ", &row.checks);
                    let _ = writeln!(s, "  {}: [{}]", desc.path[1], row.figures.join(", "));
                }
            }
            None => {
                if !found.seen_outcomes {
                    let c = self.flag(
                        Code::ImportMissing,
                        None,
                        "reconsideration",
                        messages::outcomes_missing(),
                    );
                    let _ = writeln!(s, "# {c}");
                }
                let _ = writeln!(s, "reconsideration: {{}}\nlitigation: {{}}");
            }
        }
        comment_lines(s, "", &found.unplaced[2]);
    }

    /// The comment on top: where the text came from, and how many places to check.
    fn header(&self) -> String {
        let mut head = String::new();
        let from = messages::imported_from(&one_line(self.file), self.kind);
        let _ = writeln!(head, "# {from}");
        if self.checks > 0 {
            let _ = writeln!(
                head,
                "# {}",
                messages::places_to_check(self.checks, CHECK_MARK)
            );
        } else {
            let _ = writeln!(head, "# {}", messages::nothing_to_check());
        }
        head
    }
}

/// Comments, one a line.
fn comment_lines(s: &mut String, indent: &str, cs: &[String]) {
    for c in cs {
        let _ = writeln!(s, "{indent}# {c}");
    }
}

/// A text section: a literal block, paragraphs parted by a blank line.
fn write_text(s: &mut String, key: &str, paras: &[(String, usize)]) {
    if paras.is_empty() {
        let _ = writeln!(s, "{key}: \"\"");
        return;
    }
    let _ = writeln!(s, "{key}: |");
    for (i, (p, _)) in paras.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let _ = writeln!(s, "  {p}");
    }
}
