//! The output formats side by side: each renders one prepared report to bytes. Adding a format
//! is a file beside this one and an arm here.

use super::pdf::Typst;
use super::{Fonts, ReportView, Templates};
use crate::report::Report;
use std::cell::{OnceCell, RefCell};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Md,
    Html,
    Typ,
    Pdf,
    Json,
    Docx,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Md,
        Format::Html,
        Format::Typ,
        Format::Pdf,
        Format::Json,
        Format::Docx,
    ];
    pub const DEFAULT: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Typ => "typ",
            Format::Pdf => "pdf",
            Format::Json => "json",
            Format::Docx => "docx",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.ext() == s)
    }

    /// Renders one report in this format.
    pub fn render(self, p: &Prepared) -> Result<Vec<u8>, RenderFailure> {
        Ok(match self {
            Format::Md | Format::Html => p.template(self.ext())?.into_bytes(),
            Format::Typ => p.typ_source()?.as_bytes().to_vec(),
            Format::Pdf => {
                // Without typst on this machine no report has a PDF: the other formats stand.
                let Some(typst) = p.typst else {
                    return Err(RenderFailure {
                        zh: "未生成 PDF：找不到 typst（安装方法见下）".into(),
                        en: "PDF not made: typst not found (how to install it: see below)".into(),
                        format_only: true,
                    });
                };
                // A report typst fails on is not published in part.
                let (pdf, warnings) = typst
                    .compile(p.typ_source()?, p.report.date_for_metadata())
                    .map_err(|e| RenderFailure {
                        zh: format!("未生成 PDF：{}", e.message(crate::Lang::Zh)),
                        en: format!("PDF not made: {}", e.message(crate::Lang::En)),
                        format_only: false,
                    })?;
                p.warnings.borrow_mut().push_str(&warnings);
                pdf
            }
            Format::Json => super::json::open_data(p.report).into_bytes(),
            Format::Docx => super::docx::render(&p.view).map_err(|e| RenderFailure {
                zh: format!("未生成 DOCX：{e}"),
                en: format!("DOCX not made: {e}"),
                format_only: false,
            })?,
        })
    }
}

/// Why a report, or one format of it, could not be rendered.
#[derive(Debug)]
pub struct RenderFailure {
    pub zh: String,
    pub en: String,
    /// Only this format is lost; the report's other formats are written.
    pub format_only: bool,
}

impl From<super::RenderError> for RenderFailure {
    fn from(e: super::RenderError) -> Self {
        // Template errors come from Tera, in English; they name the template and line.
        let text = e.to_string();
        RenderFailure {
            zh: format!("模板错误：{text}"),
            en: text,
            format_only: false,
        }
    }
}

/// One report prepared for every format: its view made once, the template context made once when
/// a templated format first needs it (a DOCX- or JSON-only build never does), the Typst source
/// shared by `.typ` and `.pdf`.
pub struct Prepared<'a> {
    pub report: &'a Report,
    pub templates: &'a Templates,
    pub typst: Option<&'a Typst>,
    /// The prepared view (the DOCX is written from it directly, not through a template).
    pub view: ReportView,
    ctx: OnceCell<tera::Context>,
    typ: OnceCell<String>,
    warnings: RefCell<String>,
}

impl<'a> Prepared<'a> {
    pub fn new(
        report: &'a Report,
        templates: &'a Templates,
        fonts: &Fonts,
        typst: Option<&'a Typst>,
    ) -> Result<Self, RenderFailure> {
        let view = ReportView::new(report, fonts.clone());
        Ok(Prepared {
            report,
            templates,
            typst,
            view,
            ctx: OnceCell::new(),
            typ: OnceCell::new(),
            warnings: RefCell::new(String::new()),
        })
    }

    /// The report through the template of `ext` (`report.{ext}.tera`).
    pub fn template(&self, ext: &str) -> Result<String, RenderFailure> {
        let ctx = match self.ctx.get() {
            Some(c) => c,
            None => {
                let c = self.templates.context(&self.view)?;
                self.ctx.get_or_init(|| c)
            }
        };
        Ok(self.templates.report_in(ctx, ext)?)
    }

    fn typ_source(&self) -> Result<&str, RenderFailure> {
        if let Some(s) = self.typ.get() {
            return Ok(s);
        }
        let s = self.template("typ")?;
        Ok(self.typ.get_or_init(|| s))
    }

    /// What the tools said while rendering (typst's warnings).
    pub fn into_warnings(self) -> String {
        self.warnings.into_inner()
    }
}
