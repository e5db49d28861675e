//! Tables of HTML: what Word and Excel put on the clipboard beside the plain text (it keeps
//! merged cells as `colspan`/`rowspan`), and forms saved "as Web page". A tolerant reader,
//! not a browser: tags in any case, cells and rows left unclosed, Office's conditional
//! comments, entities by name or number.

use super::spans::{SpanCell, expand};
use super::{Grid, Piece, with_lines_around};

/// Elements whose content is never text of the page.
const HIDDEN: [&str; 5] = ["script", "style", "title", "head", "xml"];
/// Elements that end a line.
const BLOCKS: [&str; 12] = [
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
];

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<SpanCell>>,
    row: Option<Vec<SpanCell>>,
    cell: Option<SpanCell>,
}

impl Table {
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.row.get_or_insert_with(Vec::new).push(cell);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }
}

/// Every table of the HTML, in order (nested tables each on their own).
pub(super) fn tables(html: &str) -> Vec<Grid> {
    // The Windows clipboard's CF_HTML starts with "Version:0.9 StartHTML:…" before the markup.
    let html = match html.find('<') {
        Some(at) if html.starts_with("Version:") => &html[at..],
        _ => html,
    };
    let mut open: Vec<Table> = Vec::new();
    let mut done = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut lines: Vec<String> = vec![String::new()];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut open, &mut lines, rest);
            break;
        };
        push_text(&mut open, &mut lines, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with(['!', '?']) {
            continue;
        }
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && HIDDEN.contains(&name.as_str()) {
            let end = format!("</{name}");
            rest = find_ci(rest, &end).map_or("", |at| &rest[at..]);
            continue;
        }
        tag_event(
            &mut open,
            &mut done,
            (&mut pieces, &mut lines),
            &name,
            body,
            closing,
        );
    }
    while let Some(mut t) = open.pop() {
        t.close_row();
        finish(t, &open, &mut done, &mut pieces);
    }
    pieces.extend(take_lines(&mut lines));
    with_lines_around(done, &pieces)
}

/// A table read to its end; a table of the page (not nested) takes its place among the
/// lines of text.
fn finish(t: Table, open: &[Table], done: &mut Vec<Grid>, pieces: &mut Vec<Piece>) {
    done.push(expand(t.rows, Vec::new()));
    if open.is_empty() {
        pieces.push(Piece::Table(done.len() - 1));
    }
}

/// The lines of text read so far outside tables, as pieces of the page.
fn take_lines(lines: &mut Vec<String>) -> Vec<Piece> {
    std::mem::take(lines)
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .map(Piece::Line)
        .collect()
}

/// Apply one tag.
fn tag_event(
    open: &mut Vec<Table>,
    done: &mut Vec<Grid>,
    (pieces, lines): (&mut Vec<Piece>, &mut Vec<String>),
    name: &str,
    body: &str,
    closing: bool,
) {
    match (name, closing) {
        ("table", false) => {
            if open.is_empty() {
                pieces.extend(take_lines(lines));
            }
            open.push(Table::default());
        }
        ("table", true) => {
            if let Some(mut t) = open.pop() {
                t.close_row();
                finish(t, open, done, pieces);
            }
            if open.is_empty() {
                *lines = vec![String::new()];
            }
        }
        ("tr", false) => {
            if let Some(t) = open.last_mut() {
                t.close_row();
                t.row = Some(Vec::new());
            }
        }
        ("tr", true) => {
            if let Some(t) = open.last_mut() {
                t.close_row();
            }
        }
        ("td" | "th", false) => {
            if let Some(t) = open.last_mut() {
                t.close_cell();
                t.cell = Some(SpanCell {
                    colspan: attribute(body, "colspan").unwrap_or(1),
                    rowspan: attribute(body, "rowspan").unwrap_or(1),
                    ..SpanCell::new(String::new())
                });
            }
        }
        ("td" | "th", true) => {
            if let Some(t) = open.last_mut() {
                t.close_cell();
            }
        }
        (block, _) if BLOCKS.contains(&block) => match open.last_mut() {
            Some(Table {
                cell: Some(cell), ..
            }) => cell.text.push('\n'),
            Some(_) => {}
            None => lines.push(String::new()),
        },
        _ => {}
    }
}

/// Text between tags, whitespace collapsed, entities decoded: into the open cell, or the
/// lines above a table.
fn push_text(open: &mut [Table], lines: &mut [String], raw: &str) {
    if raw.is_empty() {
        return;
    }
    let collapsed = raw.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = String::new();
    if raw.starts_with(|c: char| c.is_ascii_whitespace()) {
        text.push(' ');
    }
    text.push_str(&decode(&collapsed));
    if raw.ends_with(|c: char| c.is_ascii_whitespace()) && !collapsed.is_empty() {
        text.push(' ');
    }
    match open.last_mut() {
        Some(Table {
            cell: Some(cell), ..
        }) => cell.text.push_str(&text),
        Some(_) => {}
        None => {
            if let Some(line) = lines.last_mut() {
                line.push_str(&text);
            }
        }
    }
}

/// The value of a numeric attribute (`colspan="2"`, `COLSPAN=2`, `colspan='2'`).
fn attribute(tag: &str, name: &str) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if before_ok && let Some(value) = rest.strip_prefix('=') {
            let digits: String = value
                .trim_start()
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            return digits.parse().ok();
        }
    }
    None
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(needle)
}

/// Decode character references: `&nbsp;`, `&amp;`, `&#7853;`, `&#x1EAD;`, a few named letters.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1);
        let (name, consumed) = match end {
            Some(e) if rest[e..].starts_with(';') => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None => (&rest[1..], rest.len()),
        };
        match entity(name) {
            Some(c) => {
                out.push(c);
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    let c = match name {
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "shy" => '\u{ad}',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "igrave" => 'ì',
        "iacute" => 'í',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "yacute" => 'ý',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Yacute" => 'Ý',
        _ => return None,
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_clipboard_html_with_spans() {
        let html = "Version:0.9\r\nStartHTML:0000000105\r\n<html><head><style>td {}</style><title>x</title></head><body>\
            <p class=MsoNormal>PHỤ LỤC 2, BẢNG 2<o:p></o:p></p>\
            <!--[if gte mso 9]><xml>junk</xml><![endif]-->\
            <TABLE border=1><tr><TD ROWSPAN=2>Stt<td rowspan='2'>Chỉ tiêu<td colspan=\"2\">Kết quả thống kê</td></tr>\
            <tr><td>Đơn vị<br>tính</td><td><p>Nội</p><p>dung</p></td></tr>\
            <tr><td>I</td><td>Cải&nbsp;cách &amp; &#273;&#x1ED5;i mới &unknown;</td><td></td><td></td></tr></table></body></html>";
        let tables = tables(html);
        assert_eq!(tables.len(), 1);
        let g = &tables[0];
        assert_eq!(g.lines_above(), ["PHỤ LỤC 2, BẢNG 2"]);
        let rows: Vec<Vec<&str>> = (0..g.height())
            .map(|r| (0..g.width()).map(|c| g.cell(r, c)).collect())
            .collect();
        assert_eq!(
            rows,
            [
                vec!["Stt", "Chỉ tiêu", "Kết quả thống kê", "Kết quả thống kê"],
                vec!["Stt", "Chỉ tiêu", "Đơn vị\ntính", "Nội\ndung"],
                vec!["I", "Cải cách & đổi mới &unknown;", "", ""],
            ]
        );
    }

    #[test]
    fn text_around_the_form_and_small_tables_in_it() {
        let html = "<table><tr><td>ỦY BAN NHÂN DÂN<br>XÃ AN HÒA</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr></table>\
            <p>PHỤ LỤC 2, BẢNG 2</p>\
            <table><tr><td>Stt</td><td>Chỉ tiêu</td><td>Đơn vị tính</td><td>Nội dung</td></tr>\
            <tr><td>I</td><td>Cải cách</td><td></td><td></td></tr></table>\
            <p>NGƯỜI LẬP BIỂU</p><table><tr><td>TM. ỦY BAN NHÂN DÂN<br>CHỦ TỊCH</td></tr></table>";
        let tables = tables(html);
        let form = tables
            .iter()
            .find(|g| g.form_score() > 0)
            .expect("the form");
        assert_eq!(
            form.lines_above(),
            [
                "ỦY BAN NHÂN DÂN",
                "XÃ AN HÒA",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "PHỤ LỤC 2, BẢNG 2"
            ]
        );
        assert_eq!(
            form.lines_below(),
            ["NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        );
    }

    #[test]
    fn broken_html_does_not_panic() {
        for html in [
            "<table><tr><td>a",
            "<table",
            "<!-- x",
            "&#xFFFFFFFF; &#;",
            "<td>a</td>",
        ] {
            let _ = tables(html);
        }
        assert_eq!(decode("&#xFFFFFFFF;"), "&#xFFFFFFFF;");
    }
}
