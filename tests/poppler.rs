//! Reading a PDF back with poppler's tools (poppler-utils, installed by .ci/run and the
//! README's test command): its text, its page count, where each word sits.

use std::path::Path;
use std::process::Command;

/// Run a poppler tool on `pdf` and return what it printed. `pdftotext` writes to
/// standard output when given "-"; `pdfinfo` and `pdffonts` always do.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed for this test (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// How many pages the PDF has (`pdfinfo`).
pub fn pages(pdf: &Path) -> usize {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// Word boxes of a PDF, as `pdftotext -bbox` gives them: (page, [x0, y0, x1, y1], word).
pub fn word_boxes(pdf: &Path) -> Vec<(usize, [f64; 4], String)> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8"], pdf);
    let mut page = 0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let number = |key: &str| -> f64 {
            rest.split(&format!("{key}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .expect("a coordinate")
        };
        let text = rest
            .split('>')
            .nth(1)
            .and_then(|t| t.split('<').next())
            .unwrap_or_default()
            .to_owned();
        let bounds = [
            number("xMin"),
            number("yMin"),
            number("xMax"),
            number("yMax"),
        ];
        words.push((page, bounds, text));
    }
    words
}
