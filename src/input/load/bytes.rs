//! What a file is when its bytes are not UTF-8 text: UTF-16 without its byte order mark, no
//! text at all (a program, an image, a published PDF named `.yaml`), or text in another
//! encoding — GBK, as Windows editors save Chinese.

use crate::diag::messages::Binary;

/// What bytes that are not UTF-8 text (or hold NUL bytes) are.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Sniffed {
    Utf16,
    NotText(Binary),
    /// Text in another encoding, GBK most likely.
    OtherEncoding,
}

pub(super) fn sniff(bytes: &[u8]) -> Sniffed {
    if let Some(kind) = magic(bytes) {
        return Sniffed::NotText(kind);
    }
    // A report's keys and figures are ASCII, which UTF-16 writes with a NUL byte each.
    if bytes.contains(&0) {
        return if utf16(bytes) {
            Sniffed::Utf16
        } else {
            Sniffed::NotText(Binary::Unknown)
        };
    }
    // Text has few control bytes, and GBK's two-byte characters pair a lead byte with a trail
    // byte: a few stray bytes still make a GBK file, a tenth of broken pairs does not.
    let control = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    let (mut pairs, mut broken) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xFE).contains(&b)
            && bytes
                .get(i + 1)
                .is_some_and(|&t| (0x40..=0xFE).contains(&t) && t != 0x7F)
        {
            pairs += 1;
            i += 2;
        } else {
            broken += 1;
            i += 1;
        }
    }
    // A handful of broken bytes is a text in another encoding (a Latin-1 `é`), not a program.
    let many = broken >= 8 || broken * 2 > bytes.len();
    if control * 20 > bytes.len() || (many && broken * 10 > pairs + broken) {
        Sniffed::NotText(Binary::Unknown)
    } else {
        Sniffed::OtherEncoding
    }
}

/// The kind of file its first bytes announce.
fn magic(bytes: &[u8]) -> Option<Binary> {
    let head = &bytes[..bytes.len().min(1024)];
    // A PDF may have a few bytes of junk before its header (readers allow 1 KB).
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Binary::Pdf);
    }
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Binary::Word);
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        let needle = b"word/document.xml";
        return Some(if bytes.windows(needle.len()).any(|w| w == needle) {
            Binary::Word
        } else {
            Binary::Archive
        });
    }
    let image = starts(b"\x89PNG")
        || starts(&[0xFF, 0xD8, 0xFF])
        || starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || (starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    if image {
        return Some(Binary::Image);
    }
    if starts(&[0x1F, 0x8B]) || starts(b"7z\xBC\xAF\x27\x1C") || starts(b"Rar!\x1A\x07") {
        return Some(Binary::Archive);
    }
    let program = starts(b"\x7FELF")
        || starts(b"MZ")
        || starts(&[0xFE, 0xED, 0xFA, 0xCE])
        || starts(&[0xFE, 0xED, 0xFA, 0xCF])
        || starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE]);
    program.then_some(Binary::Program)
}

/// UTF-16 without a byte order mark: the bytes decode as UTF-16 to text with no control
/// characters (the NUL bytes of a binary file mostly decode to NUL characters), a tenth of it
/// ASCII at least (a report's keys, figures and line ends are half of it).
fn utf16(bytes: &[u8]) -> bool {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return false;
    }
    let text = |le: bool| {
        let units = bytes.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let (mut chars, mut ascii) = (0usize, 0usize);
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) if !c.is_control() || matches!(c, '\t' | '\n' | '\r') => {
                    chars += 1;
                    ascii += usize::from(c.is_ascii());
                }
                _ => return false,
            }
        }
        ascii * 10 >= chars
    };
    text(true) || text(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_text_is_another_encoding() {
        // 慈溪交通 in GBK.
        let mut bytes = b"year: 2022\nagency: ".to_vec();
        bytes.extend(b"\xb4\xc8\xcf\xaa\xbd\xbb\xcd\xa8\n");
        assert_eq!(sniff(&bytes), Sniffed::OtherEncoding);
    }

    #[test]
    fn a_stray_byte_of_another_encoding_is_still_text() {
        assert_eq!(
            sniff(b"year: 2023\nagency: Caf\xe9\n"),
            Sniffed::OtherEncoding
        );
    }

    #[test]
    fn files_that_are_no_text() {
        assert_eq!(
            sniff(b"\x7FELF\x02\x01\x01\0\0\0"),
            Sniffed::NotText(Binary::Program)
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Sniffed::NotText(Binary::Image)
        );
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            Sniffed::NotText(Binary::Pdf)
        );
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\0\0word/document.xml"),
            Sniffed::NotText(Binary::Word)
        );
        // No magic: NUL bytes, control bytes, bytes that are not GBK either.
        assert_eq!(
            sniff(b"\x01\x02\x03\0\x80\x80"),
            Sniffed::NotText(Binary::Unknown)
        );
        assert_eq!(
            sniff(b"\x01\x02\x03\x04\x05\x06\x80abc"),
            Sniffed::NotText(Binary::Unknown)
        );
        assert_eq!(
            sniff(b"\xff\xff\xff\x80\x80\x80\x80abc"),
            Sniffed::NotText(Binary::Unknown)
        );
    }

    #[test]
    fn utf16_without_its_mark() {
        let le: Vec<u8> = "year: 2022\nagency: 示例县\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff(&le), Sniffed::Utf16);
        let be: Vec<u8> = "year: 2022\nagency: 示例县\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(sniff(&be), Sniffed::Utf16);
    }
}
