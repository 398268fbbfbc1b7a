//! The command line, as clap types: every command's arguments in one place.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "xxgk",
    version,
    about = "政府信息公开工作年度报告：从 YAML 数据生成标准格式的 Markdown、HTML、PDF\nAnnual reports on open government information, from YAML to the official format"
)]
pub struct Cli {
    /// Language of messages and help (default: Chinese when LC_ALL/LC_MESSAGES/LANG is zh_*).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Clone)]
pub struct DiagArgs {
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Language of messages (default: Chinese when LC_ALL/LC_MESSAGES/LANG is zh_*).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Treat this diagnostic code as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Silence this warning code (repeatable; errors cannot be silenced).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check report files: YAML, arithmetic (勾稽关系), continuity across years, form.
    Check(CheckArgs),
    /// Check, then build Markdown, HTML, Typst, PDF, JSON and Word (DOCX) into the output folder.
    Build(BuildArgs),
    /// Print the table of diagnostic codes (Markdown).
    Codes,
    /// Summarise the reports (汇总): a CSV and XLSX row per report, an aggregate report per year.
    Summary(SummaryArgs),
    /// Write a new input file: every key of the edition in force, with its official label.
    New(NewArgs),
    /// Preview: build, serve over HTTP, rebuild on every save and show the problems in the page.
    Serve(ServeArgs),
    /// Turn a published report (an HTML page or its text) back into an input YAML file.
    Import(ImportArgs),
    /// Print the JSON Schema (draft-07) of the input, for editors.
    Schema(SchemaArgs),
    /// The default templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

#[derive(Subcommand)]
pub enum TemplatesCommand {
    /// Write the default templates into DIR, to edit and pass back with --templates DIR.
    Eject(EjectArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or folders (walked for .yaml/.yml and published reports: .pdf, .docx, .doc, .wps,
    /// .html, .htm); default: inputs
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub diag: DiagArgs,
    #[command(flatten)]
    pub tools: ToolArgs,
}

/// The programs that read published reports.
#[derive(clap::Args)]
pub struct ToolArgs {
    /// poppler's pdftotext, to read PDFs (default: $XXGK_PDFTOTEXT, else pdftotext on PATH).
    #[arg(long)]
    pub pdftotext: Option<PathBuf>,
    /// LibreOffice's soffice, to convert .doc/.wps (default: $XXGK_SOFFICE, else soffice on PATH).
    #[arg(long)]
    pub soffice: Option<PathBuf>,
}

impl ToolArgs {
    /// Sets them for every import of this run.
    pub fn apply(&self) {
        xxgk::author::import::set_default_tools(xxgk::author::import::Tools {
            pdftotext: self.pdftotext.clone(),
            soffice: self.soffice.clone(),
        });
    }
}

/// How reports are rendered: the options `build` and `serve` share.
#[derive(clap::Args)]
pub struct RenderArgs {
    /// Comma-separated: md, html, typ, pdf, json, docx.
    #[arg(long, value_delimiter = ',', default_value = "md,html,pdf")]
    pub formats: Vec<String>,
    /// A folder of templates overriding the defaults by file name.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// Reports built at once (default: the number of cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// The typst CLI (default: $XXGK_TYPST, else typst on PATH).
    #[arg(long)]
    pub typst: Option<PathBuf>,
    /// A folder of fonts for typst (repeatable).
    #[arg(long)]
    pub font_path: Vec<PathBuf>,
    /// Seconds a typst process may run before it is stopped.
    #[arg(long, default_value_t = 120)]
    pub typst_timeout: u64,
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// Files or folders (walked for .yaml/.yml); default: inputs
    pub paths: Vec<PathBuf>,
    /// The output folder; outputs mirror the inputs' paths below it.
    #[arg(long, short, default_value = "build")]
    pub out: PathBuf,
    #[command(flatten)]
    pub render: RenderArgs,
    /// Rebuild every report, even those whose inputs have not changed.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub diag: DiagArgs,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Files or folders (walked for .yaml/.yml); default: inputs
    pub paths: Vec<PathBuf>,
    /// The first port tried; the next free one is taken if it is in use (0: any free port).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// The address listened on (default: 127.0.0.1, this computer only).
    #[arg(long)]
    pub bind: Option<std::net::IpAddr>,
    /// Build into this folder, kept (default: a temporary folder, removed at the end).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Open the index in the browser.
    #[arg(long)]
    pub open: bool,
    /// Print a line for each request.
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub render: RenderArgs,
    #[command(flatten)]
    pub diag: DiagArgs,
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// The agency's full name (default: that of --from).
    #[arg(long)]
    pub agency: Option<String>,
    /// The year reported on (default: the year after --from's).
    #[arg(long)]
    pub year: Option<i32>,
    /// Last year's file: carries agency, kind, 上年结转 and the running counts over.
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// The edition (default: the one in force for the year).
    #[arg(long)]
    pub edition: Option<String>,
    /// Where to write (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// The schema path or URL for the editor modeline (default: xxgk.schema.json in the current folder).
    #[arg(long)]
    pub schema: Option<String>,
    /// Language of messages.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The published report: PDF, Word (.docx, .doc), a web page, or text (table cells one per
    /// line); its kind is told by its content.
    pub file: PathBuf,
    /// Where to write the YAML (default: standard output).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Language of messages.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    pub tools: ToolArgs,
}

#[derive(clap::Args)]
pub struct SchemaArgs {
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct EjectArgs {
    /// The folder to write the templates into (created if missing).
    pub dir: PathBuf,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ByArg {
    /// One aggregate per place at the head of the agency's name (慈溪市…).
    AgencyPrefix,
    /// One aggregate per folder of the inputs (a folder named as the year does not count).
    Folder,
}

#[derive(clap::Args)]
pub struct SummaryArgs {
    /// Files or folders (walked for .yaml/.yml); default: inputs
    pub paths: Vec<PathBuf>,
    /// The output folder: summary.csv, summary.xlsx and <year>/summary.yaml.
    #[arg(long, short, default_value = "summary")]
    pub out: PathBuf,
    /// The agency name of the aggregate reports.
    #[arg(long, default_value = "汇总")]
    pub name: String,
    /// Group the aggregates (default: one per year).
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// Files read at once (default: the number of cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub diag: DiagArgs,
}
