//! The decision sheet as one self-contained, print-ready HTML page: inline styles, no scripts,
//! nothing fetched. Every protocol string is escaped.

use super::{Sheet, SIGN_OFF_FIELDS};
pub(super) use crate::cli::html_escape as escape;

const STYLE: &str = "\
body{font:11pt/1.4 system-ui,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}\
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;break-after:avoid}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3rem .4rem;text-align:left;vertical-align:top}\
th{background:#eee}tr{break-inside:avoid}code{font-family:ui-monospace,monospace;font-size:.92em}\
dl.identity{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.identity dt{font-weight:bold}\
table.sign-off th{width:12rem}table.sign-off td{height:2.5rem}\
section.sign-off{break-inside:avoid}\
@media print{body{margin:0;max-width:none}@page{margin:15mm}}";

pub(super) fn page(sheet: &Sheet) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n", escape(&sheet.title)));
    out.push_str(&format!("<h1>{}</h1>\n<dl class=\"identity\">\n", inline(&sheet.title)));
    for (label, value) in &sheet.identity {
        out.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(label), inline(value)));
    }
    out.push_str(&format!("</dl>\n<p>{}</p>\n", inline(&sheet.intro)));
    for section in &sheet.sections {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", escape(&section.heading)));
        if let Some(note) = &section.note {
            out.push_str(&format!("<p>{}</p>\n", inline(note)));
        }
        out.push_str("<table>\n<thead><tr>");
        for column in &section.header {
            out.push_str(&format!("<th scope=\"col\">{}</th>", escape(column)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &section.rows {
            out.push_str("<tr>");
            for cell in row {
                out.push_str(&format!("<td>{}</td>", inline(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str(&format!("<section class=\"sign-off\">\n<h2>Sign-off</h2>\n<p>{}</p>\n", inline(&sheet.sign_off)));
    out.push_str("<table class=\"sign-off\">\n<tbody>\n");
    for field in SIGN_OFF_FIELDS {
        out.push_str(&format!("<tr><th scope=\"row\">{}</th><td></td></tr>\n", escape(field)));
    }
    out.push_str("</tbody>\n</table>\n</section>\n</body>\n</html>\n");
    out
}

/// Escapes a cell, then shows `quoted` ids as code. Escaping first means no protocol text can
/// produce markup: only the `<code>` tags added here are tags.
fn inline(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len());
    let mut parts = escaped.split('`');
    out.push_str(parts.next().unwrap_or_default());
    let rest: Vec<&str> = parts.collect();
    for (i, part) in rest.iter().enumerate() {
        let closes = i % 2 == 0 && i + 1 < rest.len();
        match (i % 2 == 0, closes) {
            (true, true) => out.push_str(&format!("<code>{part}</code>")),
            (true, false) => out.push_str(&format!("`{part}")),
            (false, _) => out.push_str(part),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_everything_and_codes_only_backtick_pairs() {
        assert_eq!(inline("a `x_1` <b>&\"'"), "a <code>x_1</code> &lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(inline("`a` and `b` and `c"), "<code>a</code> and <code>b</code> and `c");
        assert_eq!(inline("`<script>`"), "<code>&lt;script&gt;</code>");
    }
}
