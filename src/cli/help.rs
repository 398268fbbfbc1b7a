//! Help in the clerk's language: the clap strings of `args.rs` are English; under a zh locale or
//! `--lang zh` every about, argument and option is replaced by its Chinese text from the table
//! below, at run time, before the command line is parsed.

use clap::Command;
use clap::error::{ContextKind, ContextValue};
use xxgk::diag::Lang;

/// `--lang zh|en` wherever it stands on the command line, else the locale.
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next(),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        match value {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// Chinese texts: `command` → its about; `command/arg` → the argument's help. Commands are named
/// by their path (`templates eject`); the root is "".
const ZH: &[(&str, &str)] = &[
    (
        "",
        "政府信息公开工作年度报告：从 YAML 数据生成标准格式的 Markdown、HTML、PDF 等，并逐项检查",
    ),
    (
        "check",
        "检查报告文件：YAML、表格勾稽关系、与上一年报告的衔接、格式要求",
    ),
    (
        "check/paths",
        "要检查的文件或目录（目录下的 .yaml/.yml 和已发布的报告 .pdf、.docx、.doc、.wps、.html、.htm 全部检查）；默认 inputs",
    ),
    (
        "check/pdftotext",
        "读取 PDF 用的 poppler pdftotext（默认：环境变量 XXGK_PDFTOTEXT，否则 PATH 中的 pdftotext）",
    ),
    (
        "check/soffice",
        "转换 .doc/.wps 用的 LibreOffice soffice（默认：环境变量 XXGK_SOFFICE，否则 PATH 中的 soffice）",
    ),
    (
        "build",
        "检查后生成 Markdown、HTML、Typst、PDF、JSON、Word（DOCX）到输出目录",
    ),
    (
        "build/paths",
        "要生成的文件或目录（目录下的 .yaml/.yml）；默认 inputs",
    ),
    ("build/out", "输出目录；输出文件按输入的相对路径放置"),
    (
        "build/formats",
        "生成的格式，逗号分隔：md、html、typ、pdf、json、docx",
    ),
    ("build/templates", "模板目录：其中的同名文件替换默认模板"),
    ("build/jobs", "同时生成的报告数（默认：CPU 核数）"),
    (
        "build/typst",
        "typst 程序（默认：环境变量 XXGK_TYPST，否则 PATH 中的 typst）",
    ),
    ("build/font_path", "typst 使用的字体目录（可重复）"),
    (
        "build/typst_timeout",
        "一个 typst 进程最多运行的秒数，超时即停止",
    ),
    ("build/force", "全部重新生成，即使输入没有变化"),
    (
        "serve",
        "实时预览：生成并在本机网页上显示，保存即重新生成，页面上列出全部问题",
    ),
    (
        "serve/paths",
        "要预览的文件或目录（目录下的 .yaml/.yml）；默认 inputs",
    ),
    (
        "serve/port",
        "先试的端口；被占用时依次用下一个空闲端口（0：任一空闲端口）",
    ),
    (
        "serve/bind",
        "监听的地址（默认 127.0.0.1，只有本机能访问）；设为其他地址时同一网络的人都能看到报告",
    ),
    (
        "serve/out",
        "生成到这个目录并保留（默认：临时目录，结束时删除）",
    ),
    ("serve/open", "在浏览器中打开目录页"),
    ("serve/verbose", "每个请求打印一行"),
    (
        "serve/formats",
        "生成的格式，逗号分隔：md、html、typ、pdf、json（html 总会生成；pdf 在后台生成）",
    ),
    (
        "serve/templates",
        "模板目录：其中的同名文件替换默认模板（修改后同样重新生成）",
    ),
    ("serve/jobs", "同时生成的报告数（默认：CPU 核数）"),
    (
        "serve/typst",
        "typst 程序（默认：环境变量 XXGK_TYPST，否则 PATH 中的 typst）",
    ),
    ("serve/font_path", "typst 使用的字体目录（可重复）"),
    (
        "serve/typst_timeout",
        "一个 typst 进程最多运行的秒数，超时即停止",
    ),
    ("codes", "列出诊断代码表（Markdown）"),
    (
        "summary",
        "汇总：每份报告一行写入 CSV 和 XLSX，并按年度生成汇总报告（输入格式）",
    ),
    (
        "summary/paths",
        "要汇总的文件或目录（目录下的 .yaml/.yml）；默认 inputs",
    ),
    (
        "summary/out",
        "输出目录：summary.csv、summary.xlsx 和 <年度>/summary.yaml",
    ),
    ("summary/name", "汇总报告的机关名称"),
    (
        "summary/by",
        "分组汇总：agency-prefix 按机关名称开头的地名，folder 按输入的子目录（默认每年一份）",
    ),
    ("summary/jobs", "同时读取的文件数（默认：CPU 核数）"),
    ("new", "新建输入文件：列出所用格式版本的全部栏目及官方名称"),
    ("new/agency", "机关全称（默认取 --from 文件中的）"),
    ("new/year", "报告年度（默认为 --from 文件的下一年）"),
    ("new/from", "上一年的文件：带入机关、类型、上年结转和累计数"),
    ("new/edition", "格式版本（默认按年度选用现行版本）"),
    ("new/output", "写入的文件（默认：标准输出）"),
    ("new/force", "覆盖已有文件"),
    (
        "new/schema",
        "编辑器提示行中的 schema 路径或网址（默认：当前目录的 xxgk.schema.json）",
    ),
    (
        "import",
        "把已发布的报告（PDF、Word、网页或其文本）转回输入 YAML 文件",
    ),
    (
        "import/file",
        "已发布的报告：PDF、Word（.docx、.doc）、网页，或文本（表格每格一行）；按内容判断类型",
    ),
    (
        "import/pdftotext",
        "读取 PDF 用的 poppler pdftotext（默认：环境变量 XXGK_PDFTOTEXT，否则 PATH 中的 pdftotext）",
    ),
    (
        "import/soffice",
        "转换 .doc/.wps 用的 LibreOffice soffice（默认：环境变量 XXGK_SOFFICE，否则 PATH 中的 soffice）",
    ),
    ("import/output", "写入 YAML 的文件（默认：标准输出）"),
    ("import/force", "覆盖已有文件"),
    (
        "schema",
        "输出输入格式的 JSON Schema（draft-07），供编辑器使用",
    ),
    ("schema/output", "写入此文件而不是标准输出"),
    ("templates", "默认模板"),
    (
        "templates eject",
        "把默认模板写入目录，修改后用 --templates 目录 使用",
    ),
    ("templates eject/dir", "写入模板的目录（不存在则创建）"),
    ("templates eject/force", "覆盖已有文件"),
    ("help", "显示本帮助，或某个命令的帮助"),
    // Shared by several commands.
    (
        "*/format",
        "诊断信息的输出格式：human 供人阅读，json 供程序处理，github 为 GitHub Actions 注释",
    ),
    (
        "*/lang",
        "消息和帮助的语言（默认：LC_ALL/LC_MESSAGES/LANG 以 zh 开头时为中文）",
    ),
    ("*/deny_warnings", "把警告也当作错误"),
    ("*/deny", "把这个诊断代码当作错误（可重复）"),
    ("*/allow", "忽略这个警告代码（可重复；错误不能忽略）"),
    ("*/help", "显示帮助"),
    ("*/version", "显示版本"),
];

fn zh(key: &str) -> Option<&'static str> {
    ZH.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The help text of `arg` of the command at `path`, in Chinese.
fn zh_arg(path: &str, arg: &str) -> Option<&'static str> {
    zh(&format!("{path}/{arg}")).or_else(|| zh(&format!("*/{arg}")))
}

/// The command line with its help in `lang` (English is as written in `args.rs`).
pub fn localized(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let mut cmd = cmd;
            cmd.build();
            to_zh(cmd, "")
        }
    }
}

fn to_zh(mut cmd: Command, path: &str) -> Command {
    let own = if cmd.get_name() == "help" {
        "help"
    } else {
        path
    };
    if let Some(about) = zh(own) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = zh_arg(path, &id);
        cmd = cmd.mut_arg(id, |a| {
            // clap's own "[default: …]" and "[possible values: …]" would stay English.
            let mut text = help.map(str::to_string).unwrap_or_default();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() && a.get_action().takes_values() {
                text.push_str(&format!("（可选：{}）", values.join("、")));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && a.get_action().takes_values() {
                text.push_str(&format!("（默认：{}）", defaults.join(",")));
            }
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            a.help(text)
                .long_help(None)
                .hide_default_value(true)
                .hide_possible_values(true)
                .help_heading(heading)
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| to_zh(s, &sub_path));
    }
    cmd.help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("命令")
}

/// A command-line mistake, said in Chinese (clap's own texts are English only). Help and the
/// version are not mistakes: they are shown as clap shows them. Exits as clap does (code 2).
pub fn exit_zh(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let Some(text) = zh_error(&e) else { e.exit() };
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            let u = u.to_string();
            let u = u.trim().trim_start_matches("Usage:").trim().to_string();
            format!("\n\n用法：{u}")
        }
        _ => String::new(),
    };
    let more = if matches!(e.kind(), ErrorKind::InvalidSubcommand) {
        "运行 xxgk --help 查看所有命令。".to_string()
    } else {
        "加 --help 查看说明。".to_string()
    };
    let _ = std::io::Write::flush(&mut std::io::stdout());
    eprintln!("错误：{text}{usage}\n\n{more}");
    std::process::exit(2)
}

/// The Chinese text of a clap error, when it is one a clerk can make (None: help, version, or
/// a kind left to clap).
fn zh_error(e: &clap::Error) -> Option<String> {
    use clap::error::ErrorKind as K;
    let one = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let many = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = one(ContextKind::InvalidArg).unwrap_or_default();
    let value = one(ContextKind::InvalidValue).unwrap_or_default();
    let suggest = |text: &mut String| {
        let s = many(ContextKind::SuggestedArg);
        let s = if s.is_empty() {
            many(ContextKind::SuggestedSubcommand)
        } else {
            s
        };
        if !s.is_empty() {
            text.push_str(&format!("\n\n  提示：是不是要用 '{}'？", s.join("' 或 '")));
        }
    };
    let mut text = match e.kind() {
        K::UnknownArgument => format!("不认识的参数 '{arg}'"),
        K::InvalidSubcommand => format!(
            "没有这个命令：'{}'",
            one(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        K::InvalidValue => {
            let valid = many(ContextKind::ValidValue);
            let mut t = if value.is_empty() {
                format!("{arg} 需要一个值")
            } else {
                format!("{arg} 的值 '{value}' 无效")
            };
            if !valid.is_empty() {
                t.push_str(&format!("（可选：{}）", valid.join("、")));
            }
            t
        }
        K::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| {
                // A number's parse error is the common one (`--year abc`); others are ours.
                let zh = match s
                    .downcast_ref::<std::num::ParseIntError>()
                    .map(|p| p.kind())
                {
                    Some(std::num::IntErrorKind::Empty) => "不能为空".to_string(),
                    Some(std::num::IntErrorKind::InvalidDigit) => "应为整数".to_string(),
                    Some(
                        std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow,
                    ) => "数字超出范围".to_string(),
                    // clap's ranges: `99999 is not in 0..=65535`.
                    _ => match s.to_string().split_once(" is not in ") {
                        Some((_, range)) => match range.split_once("..=") {
                            Some((a, b)) => format!("应在 {a} 到 {b} 之间"),
                            None => format!("应在 {range} 之内"),
                        },
                        None => s.to_string(),
                    },
                };
                format!("：{zh}")
            });
            format!("{arg} 的值 '{value}' 无效{}", why.unwrap_or_default())
        }
        K::MissingRequiredArgument => {
            format!(
                "缺少必需的参数：{}",
                many(ContextKind::InvalidArg).join("、")
            )
        }
        K::ArgumentConflict => {
            let with = one(ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 不能和 {with} 一起使用")
        }
        K::TooManyValues => format!("{arg} 给了多余的值 '{value}'"),
        K::WrongNumberOfValues | K::TooFewValues => format!("{arg} 的值个数不对"),
        K::NoEquals => format!("{arg} 的值要用等号给出（{arg}=值）"),
        K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        K::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => return None,
    };
    suggest(&mut text);
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and every argument has a Chinese text: a new option without one fails here.
    #[test]
    fn every_command_and_argument_has_chinese_help() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if cmd.get_name() != "help" && zh(path).is_none() {
                missing.push(format!("command `{path}`"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if zh_arg(path, id).is_none() {
                    missing.push(format!("`{path}` argument `{id}`"));
                }
                if a.get_help().is_none() {
                    missing.push(format!("`{path}` argument `{id}` has no English help"));
                }
            }
            for s in cmd.get_subcommands() {
                if s.get_name() == "help" {
                    continue;
                }
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &p, missing);
            }
        }
        let mut cmd = crate::cli::args::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "missing help: {missing:#?}");
    }

    #[test]
    fn lang_from_the_command_line_wins() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of_args(&args(&["xxgk", "--lang", "zh", "check"])),
            Lang::Zh
        );
        assert_eq!(
            lang_of_args(&args(&["xxgk", "check", "--lang=en"])),
            Lang::En
        );
    }
}
