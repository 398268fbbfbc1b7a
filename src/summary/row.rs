//! What the summary is made of: a report's row, its spool (the rows as the check hands them on,
//! kept on disk until the set-wide checks have had their say), and what can go wrong writing.

use crate::format::Edition;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("no report files (.yaml/.yml) found")]
    NoReports,
    #[error("cannot write {path}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

pub(super) fn write_error(path: &Path) -> impl Fn(std::io::Error) -> SummaryError + '_ {
    move |source| SummaryError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// One report's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub file: String,
    pub agency: String,
    /// 0 when the file could not be read.
    pub year: i32,
    pub edition: Option<Edition>,
    pub kind: String,
    pub published: Option<String>,
    pub late: bool,
    pub errors: usize,
    pub warnings: usize,
    pub group: String,
    pub values: Vec<Option<i128>>,
}

/// The rows of a summary in a temporary file, in a compact form (figures as variable-length
/// integers): written once as the reports are checked, read back by each writer on its own.
/// Counts of diagnostics are not in it: they are known only when the whole set is checked.
pub(super) struct Spool {
    file: tempfile::NamedTempFile,
    out: BufWriter<std::fs::File>,
}

impl Spool {
    /// A spool in `dir` (removed when dropped).
    pub(super) fn new_in(dir: &Path) -> std::io::Result<Spool> {
        let file = tempfile::Builder::new()
            .prefix(".xxgk-summary-")
            .tempfile_in(dir)?;
        let out = BufWriter::new(file.reopen()?);
        Ok(Spool { file, out })
    }

    pub(super) fn push(&mut self, row: &Row) -> std::io::Result<()> {
        let w = &mut self.out;
        let edition = row.edition.map_or("", |e| e.key());
        let published = row.published.as_deref().unwrap_or("");
        for s in [
            &row.file,
            &row.agency,
            &row.group,
            &row.kind,
            edition,
            published,
        ] {
            put_varint(w, s.len() as u128)?;
            w.write_all(s.as_bytes())?;
        }
        put_varint(w, zigzag(row.year.into()))?;
        w.write_all(&[u8::from(row.late)])?;
        put_varint(w, row.values.len() as u128)?;
        for v in &row.values {
            // 0 is a figure left out; a figure v is its zigzag form plus one.
            put_varint(w, v.map_or(0, |v| zigzag(v).wrapping_add(1)))?;
        }
        Ok(())
    }

    /// Done writing: the spool, ready to be read (as often as wanted).
    pub(super) fn finish(mut self) -> std::io::Result<tempfile::NamedTempFile> {
        self.out.flush()?;
        Ok(self.file)
    }
}

/// The rows of a finished spool, in order. Their `errors` and `warnings` are 0.
pub(super) fn read_spool(
    file: &tempfile::NamedTempFile,
) -> std::io::Result<impl Iterator<Item = std::io::Result<Row>>> {
    let mut r = BufReader::new(file.reopen()?);
    Ok(std::iter::from_fn(move || match r.fill_buf() {
        Ok([]) => None,
        Ok(_) => Some(read_row(&mut r)),
        Err(e) => Some(Err(e)),
    }))
}

fn read_row(r: &mut impl Read) -> std::io::Result<Row> {
    let mut text = || -> std::io::Result<String> {
        let n = get_varint(r)? as usize;
        let mut b = vec![0; n];
        r.read_exact(&mut b)?;
        String::from_utf8(b).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    };
    let (file, agency, group, kind, edition, published) =
        (text()?, text()?, text()?, text()?, text()?, text()?);
    let year = unzigzag(get_varint(r)?) as i32;
    let mut late = [0];
    r.read_exact(&mut late)?;
    let n = get_varint(r)? as usize;
    let values = (0..n)
        .map(|_| {
            let v = get_varint(r)?;
            Ok((v != 0).then(|| unzigzag(v.wrapping_sub(1))))
        })
        .collect::<std::io::Result<_>>()?;
    Ok(Row {
        file,
        agency,
        year,
        edition: Edition::parse(&edition),
        kind,
        published: (!published.is_empty()).then_some(published),
        late: late[0] != 0,
        errors: 0,
        warnings: 0,
        group,
        values,
    })
}

fn zigzag(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

fn unzigzag(v: u128) -> i128 {
    ((v >> 1) as i128) ^ -((v & 1) as i128)
}

fn put_varint(w: &mut impl Write, mut v: u128) -> std::io::Result<()> {
    let mut buf = [0u8; 19];
    let mut n = 0;
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            buf[n] = byte;
            n += 1;
            break;
        }
        buf[n] = byte | 0x80;
        n += 1;
    }
    w.write_all(&buf[..n])
}

fn get_varint(r: &mut impl Read) -> std::io::Result<u128> {
    let mut v = 0u128;
    for shift in (0..128).step_by(7) {
        let mut b = [0];
        r.read_exact(&mut b)?;
        v |= u128::from(b[0] & 0x7f) << shift;
        if b[0] & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        "summary spool: a number too long",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_from_the_spool_as_they_went_in() {
        let a = Row {
            file: "inputs/2023/a.yaml".into(),
            agency: "示例县交通运输局".into(),
            year: 2023,
            edition: Some(crate::format::latest()),
            kind: "department".into(),
            published: Some("2024-01-20".into()),
            late: true,
            errors: 0,
            warnings: 0,
            group: "东区/乡镇".into(),
            values: vec![
                Some(0),
                None,
                Some(-3),
                Some(363_620_000),
                Some(i64::MIN as i128),
            ],
        };
        let b = Row {
            file: "broken.yaml".into(),
            agency: String::new(),
            year: 0,
            edition: None,
            kind: String::new(),
            published: None,
            late: false,
            group: String::new(),
            values: vec![None; 3],
            ..a.clone()
        };
        let dir = tempfile::tempdir().unwrap();
        let mut spool = Spool::new_in(dir.path()).unwrap();
        spool.push(&a).unwrap();
        spool.push(&b).unwrap();
        let file = spool.finish().unwrap();
        for _ in 0..2 {
            let back: Vec<Row> = read_spool(&file).unwrap().map(Result::unwrap).collect();
            assert_eq!(back, vec![a.clone(), b.clone()]);
        }
    }
}
