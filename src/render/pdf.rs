//! PDF through the `typst` CLI, run with `std::process`.

use crate::render::Fonts;
use crate::report::Date;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The typst version the README, Makefile and CI install.
pub const TYPST_VERSION: &str = "0.15.1";
pub const INSTALL_TYPST: &str = "cargo install typst-cli --locked --version 0.15.1";
pub const INSTALL_FONTS: &str = "apt-get install fonts-noto-cjk";

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "找不到 typst（{tried}）：生成 PDF 需要它。安装：{INSTALL_TYPST}；或用 --typst PATH / XXGK_TYPST 指定 | typst not found ({tried}): install it with `{INSTALL_TYPST}`, or point --typst / XXGK_TYPST at it"
    )]
    NotFound { tried: String },
    #[error(
        "没有可用的中文字体：typst 列出的字体中没有 CJK 字体。请安装：{INSTALL_FONTS}（或用 --font-path 指定字体目录） | no CJK font: typst lists none; install one with `{INSTALL_FONTS}` (or add a folder with --font-path)"
    )]
    NoCjkFont,
    #[error("typst 运行失败 | typst failed: {0}")]
    Failed(String),
    #[error("typst 超过 {0} 秒未完成，已终止 | typst ran longer than {0} s and was stopped")]
    Timeout(u64),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl PdfError {
    /// The message in one language (`Display` gives both).
    pub fn message(&self, lang: crate::Lang) -> String {
        let zh = lang == crate::Lang::Zh;
        match self {
            PdfError::NotFound { tried } if zh => format!(
                "找不到 typst（{tried}）：生成 PDF 需要它。安装：{INSTALL_TYPST}；或用 --typst PATH / XXGK_TYPST 指定"
            ),
            PdfError::NotFound { tried } => format!(
                "typst not found ({tried}): install it with `{INSTALL_TYPST}`, or point --typst / XXGK_TYPST at it"
            ),
            PdfError::NoCjkFont if zh => format!(
                "没有可用的中文字体：typst 列出的字体中没有 CJK 字体。请安装：{INSTALL_FONTS}（或用 --font-path 指定字体目录）"
            ),
            PdfError::NoCjkFont => format!(
                "no CJK font: typst lists none; install one with `{INSTALL_FONTS}` (or add a folder with --font-path)"
            ),
            PdfError::Failed(e) if zh => format!("typst 运行失败：{e}"),
            PdfError::Failed(e) => format!("typst failed: {e}"),
            PdfError::Timeout(s) if zh => format!("typst 超过 {s} 秒未完成，已终止"),
            PdfError::Timeout(s) => format!("typst ran longer than {s} s and was stopped"),
            PdfError::Io(e) => e.to_string(),
        }
    }
}

/// A located typst CLI with the font folders to give it.
#[derive(Clone, Debug)]
pub struct Typst {
    pub program: PathBuf,
    pub version: String,
    pub font_paths: Vec<PathBuf>,
    pub timeout: Duration,
}

impl Typst {
    /// typst from `explicit` (`--typst`), else `XXGK_TYPST`, else `typst` on PATH.
    pub fn locate(explicit: Option<&Path>, font_paths: Vec<PathBuf>) -> Result<Typst, PdfError> {
        let program = explicit
            .map(Path::to_path_buf)
            .or_else(|| {
                std::env::var_os("XXGK_TYPST")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("typst"));
        // typst runs inside a temporary folder: paths given relative to here must be absolute.
        let absolute = |p: PathBuf| std::path::absolute(&p).unwrap_or(p);
        let program = if program.components().count() > 1 {
            absolute(program)
        } else {
            program
        };
        let font_paths: Vec<PathBuf> = font_paths.into_iter().map(absolute).collect();
        let out = Command::new(&program)
            .arg("--version")
            .stdin(Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() => Ok(Typst {
                program,
                version: String::from_utf8_lossy(&o.stdout).trim().to_string(),
                font_paths,
                timeout: Duration::from_secs(120),
            }),
            _ => Err(PdfError::NotFound {
                tried: program.display().to_string(),
            }),
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.stdin(Stdio::null());
        // typst reads these too; keep them from changing the output behind our back.
        c.env_remove("TYPST_FONT_PATHS")
            .env_remove("SOURCE_DATE_EPOCH");
        c
    }

    fn font_args(&self, c: &mut Command) {
        for p in &self.font_paths {
            c.arg("--font-path").arg(p);
        }
    }

    /// The font families typst can use.
    pub fn fonts(&self) -> Result<Vec<String>, PdfError> {
        let mut c = self.command();
        c.arg("fonts");
        self.font_args(&mut c);
        let out = c.output()?;
        if !out.status.success() {
            return Err(PdfError::Failed(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect())
    }

    /// Compiles a Typst source to PDF bytes, in a private temporary root so that the document
    /// can read nothing else. Returns the PDF and typst's warnings.
    pub fn compile(&self, source: &str, date: Date) -> Result<(Vec<u8>, String), PdfError> {
        let root = tempfile::tempdir()?;
        let input = root.path().join("report.typ");
        let output = root.path().join("report.pdf");
        std::fs::write(&input, source)?;
        // Noon UTC of the date: the same timestamp whatever the machine's time zone.
        let ts = date.to_days() * 86_400 + 12 * 3600;
        let mut c = self.command();
        c.arg("compile")
            .arg("--root")
            .arg(root.path())
            .arg("--creation-timestamp")
            .arg(ts.to_string())
            .arg("--pdf-standard")
            .arg("a-2b")
            .arg("--diagnostic-format")
            .arg("short");
        self.font_args(&mut c);
        // Run inside the private root so that typst's messages name `report.typ:line:col`.
        c.current_dir(root.path())
            .arg("report.typ")
            .arg("report.pdf")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = c.spawn()?;
        let (status, messages) =
            match crate::util::process::wait_with_timeout(&mut child, self.timeout)? {
                crate::util::process::Waited::Done(s, m) => (s, m),
                crate::util::process::Waited::TimedOut => {
                    return Err(PdfError::Timeout(self.timeout.as_secs()));
                }
            };

        if !status.success() {
            return Err(PdfError::Failed(messages.trim().to_string()));
        }
        Ok((std::fs::read(&output)?, messages.trim().to_string()))
    }
}

/// Fonts by role: the official faces first, then free stand-ins.
const TITLE: &[&str] = &[
    "FZXiaoBiaoSong-B05S",
    "方正小标宋简体",
    "FZXiaoBiaoSong-B05",
    "Source Han Serif SC",
    "Noto Serif CJK SC",
    "Source Han Serif CN",
    "AR PL UMing CN",
    "AR PL UMing",
    "Noto Sans CJK SC",
];
const BODY: &[&str] = &[
    "FangSong_GB2312",
    "仿宋_GB2312",
    "FangSong",
    "仿宋",
    "STFangsong",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UMing",
    "Noto Sans CJK SC",
];
const HEADING: &[&str] = &[
    "SimHei",
    "黑体",
    "STHeiti",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
];
const KAI: &[&str] = &[
    "KaiTi_GB2312",
    "楷体_GB2312",
    "KaiTi",
    "楷体",
    "STKaiti",
    "AR PL UKai CN",
    "AR PL UKai",
    "AR PL KaitiM GB",
    "Noto Serif CJK SC",
    "Noto Sans CJK SC",
];

/// Every family the roles would use, for when typst cannot be asked (the .typ stays valid).
pub fn default_fonts() -> Fonts {
    let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    Fonts {
        title: v(TITLE),
        body: v(BODY),
        heading: v(HEADING),
        kai: v(KAI),
    }
}

/// Each role's families that typst actually lists, in order of preference.
pub fn choose_fonts(available: &[String]) -> Result<Fonts, PdfError> {
    let has = |f: &&str| available.iter().any(|a| a.eq_ignore_ascii_case(f));
    let pick = |l: &[&str]| -> Vec<String> {
        l.iter().filter(|f| has(f)).map(|s| s.to_string()).collect()
    };
    let (title, body, heading, kai) = (pick(TITLE), pick(BODY), pick(HEADING), pick(KAI));
    // Any CJK family will do for a role that has none of its own.
    let any: Vec<String> = [&title, &body, &heading, &kai]
        .into_iter()
        .flatten()
        .take(1)
        .cloned()
        .collect();
    if any.is_empty() {
        return Err(PdfError::NoCjkFont);
    }
    let or_any = |v: Vec<String>| if v.is_empty() { any.clone() } else { v };
    Ok(Fonts {
        title: or_any(title),
        body: or_any(body),
        heading: or_any(heading),
        kai: or_any(kai),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_only_listed_fonts_in_preference_order() {
        let avail = vec![
            "DejaVu Sans".to_string(),
            "Noto Sans CJK SC".into(),
            "Noto Serif CJK SC".into(),
            "AR PL UKai CN".into(),
        ];
        let f = choose_fonts(&avail).unwrap();
        assert_eq!(f.body, vec!["Noto Serif CJK SC", "Noto Sans CJK SC"]);
        assert_eq!(f.heading, vec!["Noto Sans CJK SC"]);
        assert_eq!(f.kai[0], "AR PL UKai CN");
    }

    #[test]
    fn no_cjk_font_is_an_error_naming_the_package() {
        let e = choose_fonts(&["DejaVu Sans".to_string()]).unwrap_err();
        assert!(e.to_string().contains("fonts-noto-cjk"));
    }
}
