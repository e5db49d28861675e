//! Panels and windows that own their state and draw themselves (egui demo style):
//! the find box, the problems panel, the print preview, the roll-up view
//! and its progress, the template editor and the dialog that makes a template of a table,
//! the dialog that moves a report onto another template, the dry run of an import.

pub mod combining;
pub mod convert;
pub mod find;
pub mod import_report;
pub mod preview;
pub mod problems;
pub mod rollup;
pub mod table_import;
pub mod template_editor;

pub use combining::Combining;

/// A dialog over the window (the convert and import summaries): `body` drawn in a modal
/// `width` wide, given the height a list in it may take (six tenths of the window), then
/// the `accept` buttons and "Huỷ". `size` is the dialog's size when last drawn: a modal is
/// placed by the size it had the frame before, so it is drawn again until its size stops
/// changing and new contents settle in place without waiting for the mouse. Returns
/// whether it is to close ("Huỷ", Escape or a click outside).
pub(crate) fn dialog(
    ctx: &egui::Context,
    id: &str,
    width: f32,
    size: &mut egui::Vec2,
    accept: &[crate::gui::command::Action],
    out: &mut Vec<crate::gui::command::Command>,
    body: impl FnOnce(&mut egui::Ui, f32, &mut Vec<crate::gui::command::Command>),
) -> bool {
    let max_height = ctx.content_rect().height() * 0.6;
    let response = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_width(width);
        body(ui, max_height, out);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for action in accept {
                if ui.button(action.label()).clicked() {
                    out.push((*action).into());
                }
            }
            ui.button("Huỷ").clicked()
        })
        .inner
    });
    let now = response.response.rect.size();
    if now != *size {
        *size = now;
        ctx.request_repaint();
    }
    response.inner || response.should_close()
}
pub use convert::ConvertDialog;
pub use find::FindBox;
pub use import_report::ImportDialog;
pub use preview::Preview;
pub use problems::ProblemsPanel;
pub use rollup::RollupView;
pub use table_import::TableImport;
pub use template_editor::TemplateEditor;
