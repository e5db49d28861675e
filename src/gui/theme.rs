//! Fonts and colours of the window.
//!
//! egui's own fonts lack most Vietnamese letters, and borrowing letters from
//! whatever fonts a PC has mixes typefaces inside one word, so the window uses
//! a bundled Noto Sans (SIL OFL, `assets/fonts/OFL.txt`) first for every
//! letter, then a cut of Noto Sans Symbols 2 for signs such as ⚠ ● ▾.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily};

/// Name of the bold family (section rows, headers).
pub const BOLD: &str = "phuluc-bold";

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
/// Arrows, shapes and signs (⚠ ● ▾ ✓) cut from Noto Sans Symbols 2.
const SYMBOLS_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols2-Subset.ttf");

/// Colour of an error mark.
pub const ERROR: Color32 = Color32::from_rgb(200, 30, 30);
/// Background of a cell in error.
pub const ERROR_BG: Color32 = Color32::from_rgb(255, 228, 225);
/// Colour of a warning mark.
pub const WARNING: Color32 = Color32::from_rgb(180, 110, 0);
/// Background of a cell with an unexplained warning.
pub const WARNING_BG: Color32 = Color32::from_rgb(255, 244, 214);
/// Background of a section row.
pub const SECTION_BG: Color32 = Color32::from_rgb(222, 232, 245);
/// Background of a group row.
pub const GROUP_BG: Color32 = Color32::from_rgb(242, 245, 250);
/// Colour of a done mark (a notice that something was saved or written).
pub const DONE: Color32 = Color32::from_rgb(30, 130, 60);
/// Text of rows that do not apply.
pub const MUTED: Color32 = Color32::from_rgb(130, 130, 130);

/// Install the bundled fonts and the light look (an office form is black on white).
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans".to_owned(),
        Arc::new(FontData::from_static(REGULAR_TTF)),
    );
    fonts.font_data.insert(
        "noto-sans-bold".to_owned(),
        Arc::new(FontData::from_static(BOLD_TTF)),
    );
    fonts.font_data.insert(
        "noto-symbols".to_owned(),
        Arc::new(FontData::from_static(SYMBOLS_TTF)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.insert(0, "noto-sans".to_owned());
        list.insert(1, "noto-symbols".to_owned());
    }
    let fallback = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut bold = vec!["noto-sans-bold".to_owned()];
    bold.extend(fallback.into_iter().filter(|f| f != "noto-sans"));
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    ctx.set_fonts(fonts);
    ctx.set_theme(egui::Theme::Light);
    ctx.global_style_mut(|style| {
        style.spacing.item_spacing = egui::vec2(6.0, 4.0);
        for (_, font) in style.text_styles.iter_mut() {
            font.size = (font.size * 1.1).round();
        }
    });
}

/// Text in the bold family.
pub fn bold(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).family(FontFamily::Name(BOLD.into()))
}

/// A column title of a table's header: bold on the section shade.
pub fn header_title(ui: &mut egui::Ui, title: &str) {
    ui.painter().rect_filled(ui.max_rect(), 0.0, SECTION_BG);
    ui.label(bold(title));
}

/// Shade a cell of a section or group row, as the form's table and the template editor
/// show them.
pub fn paint_row(ui: &egui::Ui, depth: crate::model::Depth) {
    let background = match depth {
        crate::model::Depth::Section => SECTION_BG,
        crate::model::Depth::Group => GROUP_BG,
        crate::model::Depth::Item => return,
    };
    ui.painter().rect_filled(ui.max_rect(), 0.0, background);
}
