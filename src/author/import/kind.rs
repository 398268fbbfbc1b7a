//! What a file is, told by its content rather than its name: a published report arrives as a
//! PDF, a Word file, a saved web page or text, often with the wrong extension.

/// The kinds of file import tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `%PDF-` at the start.
    Pdf,
    /// A zip holding `word/document.xml`.
    Docx,
    /// An OLE compound file (`D0 CF 11 E0`): Word 97–2003 `.doc`, older WPS `.wps`.
    Doc,
    /// Another zip (an `.xlsx`, an `.odt`, an archive).
    Zip,
    Html,
    Text,
}

impl Kind {
    /// As the YAML's first comment names the source.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word 文档",
            Kind::Doc => "Word 97-2003 文档",
            Kind::Zip => "压缩文件",
            Kind::Html => "网页",
            Kind::Text => "文本",
        }
    }
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) fn detect(bytes: &[u8]) -> Kind {
    // A PDF may have a few bytes of junk before its header (readers allow 1 KB).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if bytes.starts_with(OLE) {
        return Kind::Doc;
    }
    if super::docx::is_zip(bytes) {
        // Entry names stand in the clear in the local headers and the central directory.
        let needle = b"word/document.xml";
        return if bytes.windows(needle.len()).any(|w| w == needle) {
            Kind::Docx
        } else {
            Kind::Zip
        };
    }
    match std::str::from_utf8(&bytes[..bytes.len().min(64 * 1024)]) {
        Ok(s) if looks_like_html(s) => Kind::Html,
        Err(e) if e.valid_up_to() + 4 >= bytes.len().min(64 * 1024) => {
            // Cut in the middle of a character at 64 KB.
            let s = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            if looks_like_html(s) {
                Kind::Html
            } else {
                Kind::Text
            }
        }
        _ => Kind::Text,
    }
}

pub(super) fn looks_like_html(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    let start = lower.trim_start();
    start.starts_with("<!doctype")
        || start.starts_with("<html")
        || start.starts_with("<?xml")
        || [
            "<html", "<body", "<table", "<p>", "<p ", "<div", "<h1", "<br", "<td",
        ]
        .iter()
        .any(|m| lower.contains(m))
}

/// Points `d` at `line` of a source of `kind`, as the import numbered it: for a PDF a page and
/// the line on it, for a Word document its paragraph, otherwise a line.
pub fn locate(kind: Kind, d: &mut crate::diag::Diagnostic, line: usize) {
    use crate::diag::Place;
    let (line, place) = match kind {
        Kind::Pdf => {
            let (page, line) = super::page_of(line);
            (line, Some(Place::Page(page)))
        }
        Kind::Docx | Kind::Doc => (line, Some(Place::Paragraph)),
        Kind::Zip | Kind::Html | Kind::Text => (line, None),
    };
    d.span = Some(crate::util::Span::point(line, 1));
    d.place = place;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n..."), Kind::Pdf);
        assert_eq!(detect(b"\xEF\xBB\xBF%PDF-1.4"), Kind::Pdf);
        assert_eq!(detect(b"PK\x03\x04....word/document.xml...."), Kind::Docx);
        assert_eq!(detect(b"PK\x03\x04....xl/workbook.xml"), Kind::Zip);
        assert_eq!(
            detect(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Kind::Doc
        );
        assert_eq!(detect("<!DOCTYPE html><p>报告".as_bytes()), Kind::Html);
        assert_eq!(detect("一、总体情况".as_bytes()), Kind::Text);
        assert_eq!(detect(b"\xb1\xa8\xb8\xe6"), Kind::Text);
    }
}
