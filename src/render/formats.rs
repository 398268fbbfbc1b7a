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

    /// Renders one report in this format; `None` where the format cannot be made here (PDF
    /// without typst, which the build reports once, not per report).
    pub fn render(self, p: &Prepared) -> Result<Option<Vec<u8>>, String> {
        Ok(Some(match self {
            Format::Md | Format::Html => p.template(self.ext())?.into_bytes(),
            Format::Typ => p.typ_source()?.as_bytes().to_vec(),
            Format::Pdf => {
                let Some(typst) = p.typst else {
                    return Ok(None);
                };
                let (pdf, warnings) = typst
                    .compile(p.typ_source()?, p.report.date_for_metadata())
                    .map_err(|e| e.to_string())?;
                p.warnings.borrow_mut().push_str(&warnings);
                pdf
            }
            Format::Json => super::json::open_data(p.report).into_bytes(),
            Format::Docx => super::docx::render(&p.view)?,
        }))
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
    ) -> Result<Self, String> {
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
    pub fn template(&self, ext: &str) -> Result<String, String> {
        let ctx = match self.ctx.get() {
            Some(c) => c,
            None => {
                let c = self
                    .templates
                    .context(&self.view)
                    .map_err(|e| e.to_string())?;
                self.ctx.get_or_init(|| c)
            }
        };
        self.templates
            .report_in(ctx, ext)
            .map_err(|e| e.to_string())
    }

    fn typ_source(&self) -> Result<&str, String> {
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
