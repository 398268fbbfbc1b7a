//! A small stable content fingerprint (FNV-1a, 128-bit): the same bytes give the same hex on
//! every machine and every run. Not cryptographic; it only tells whether something changed.

pub fn hex<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    format!("{:032x}", hash(parts))
}

/// The fingerprint as a number.
pub fn hash<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for part in parts {
        for &b in part {
            h ^= b as u128;
            h = h.wrapping_mul(PRIME);
        }
        // Separate parts so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(PRIME);
    }
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn stable_and_part_sensitive() {
        assert_eq!(
            super::hex([b"abc".as_slice()]),
            super::hex([b"abc".as_slice()])
        );
        assert_ne!(
            super::hex([b"ab".as_slice(), b"c"]),
            super::hex([b"a".as_slice(), b"bc"])
        );
    }
}
