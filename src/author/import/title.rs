//! The report's title (year and agency) and the sign-off date.

use crate::report::Date;

/// Reads `{year}年{agency}…信息公开工作年度报告` or `{agency}{year}年…` (line breaks ignored).
pub(super) fn parse_title(title: &str) -> Option<(i32, Option<String>)> {
    let t: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
    let s: String = t.iter().collect();
    if !s.ends_with("报告") || !s.contains("公开") {
        return None;
    }
    let i = (0..t.len().saturating_sub(4)).find(|&i| {
        t[i..i + 4].iter().all(char::is_ascii_digit)
            && t.get(i + 4) == Some(&'年')
            && (i == 0 || !t[i - 1].is_ascii_digit())
    })?;
    let year: i32 = t[i..i + 4].iter().collect::<String>().parse().ok()?;
    let prefix: String = t[..i].iter().collect();
    let mut rest: String = t[i + 5..].iter().collect();
    if let Some(r) = rest.strip_prefix('度') {
        rest = r.to_string();
    }
    const SUFFIXES: &[&str] = &[
        "政府信息公开工作年度报告",
        "政务信息公开工作年度报告",
        "政府信息公开年度报告",
        "政务公开工作年度报告",
        "信息公开工作年度报告",
        "信息公开年度报告",
        "工作年度报告",
        "年度报告",
    ];
    let suffix = SUFFIXES.iter().find(|x| rest.ends_with(**x))?;
    let mut middle = rest[..rest.len() - suffix.len()].to_string();
    if middle.ends_with("人民") && suffix.starts_with("政府") {
        middle.push_str("政府");
    }
    let agency = if !prefix.is_empty() {
        Some(prefix)
    } else if !middle.is_empty() {
        Some(middle)
    } else {
        None
    };
    Some((year, agency))
}

/// A date printed alone: `2023年1月18日`, `二〇二三年一月十八日`, `2023-01-18`.
pub(super) fn parse_date(s: &str) -> Option<Date> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let cn_digit = |c: char| {
        "〇一二三四五六七八九".chars().position(|d| d == c).or(
            if c == '零' || c == 'Ｏ' || c == 'O' || c == '○' {
                Some(0)
            } else {
                None
            },
        )
    };
    let num = |p: &str| -> Option<u32> {
        if p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() {
            return p.parse().ok();
        }
        // Chinese numerals: digit by digit for years, with 十 for months and days.
        let cs: Vec<char> = p.chars().collect();
        if let Some(pos) = cs.iter().position(|c| *c == '十') {
            let tens = if pos == 0 { 1 } else { cn_digit(cs[0])? as u32 };
            let ones = match cs.get(pos + 1) {
                Some(c) => cn_digit(*c)? as u32,
                None => 0,
            };
            return Some(tens * 10 + ones);
        }
        let mut v = 0u32;
        for c in cs {
            v = v * 10 + cn_digit(c)? as u32;
        }
        (!p.is_empty()).then_some(v)
    };
    let iso = if let Some(d) = Date::parse(&t) {
        Some(d)
    } else {
        let (y, rest) = t.split_once('年')?;
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日').or(rest.strip_suffix('号'))?;
        Date::parse(&format!("{:04}-{:02}-{:02}", num(y)?, num(m)?, num(d)?))
    };
    iso.filter(|d| d.year >= 2000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            parse_title("2020年慈溪市交通运输局信息公开工作年度报告"),
            Some((2020, Some("慈溪市交通运输局".into())))
        );
        assert_eq!(
            parse_title("淮安市人民政府\n2024年政府信息公开工作年度报告"),
            Some((2024, Some("淮安市人民政府".into())))
        );
        assert_eq!(
            parse_title("2023年示例县人民政府信息公开工作年度报告"),
            Some((2023, Some("示例县人民政府".into())))
        );
        assert_eq!(
            parse_title("2022年示例县交通运输局政府信息公开工作年度报告"),
            Some((2022, Some("示例县交通运输局".into())))
        );
        assert_eq!(
            parse_title("2024年政府信息公开工作年度报告"),
            Some((2024, None))
        );
        assert_eq!(parse_title("一、总体情况"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023年1月18日").unwrap().to_string(),
            "2023-01-18"
        );
        assert_eq!(
            parse_date("二〇二三年一月十八日").unwrap().to_string(),
            "2023-01-18"
        );
        assert_eq!(
            parse_date("2024年3月20日").unwrap().to_string(),
            "2024-03-20"
        );
        assert!(parse_date("2023年2月30日").is_none());
        assert!(parse_date("本年度无其他需要报告的事项。").is_none());
    }
}
