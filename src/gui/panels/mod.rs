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

/// A dialog's buttons under its summary: the action that accepts it, and "Huỷ", which
/// asks to close it (`true` when clicked).
pub(crate) fn accept_or_cancel(
    ui: &mut egui::Ui,
    accept: &[crate::gui::command::Action],
    out: &mut Vec<crate::gui::command::Command>,
) -> bool {
    ui.horizontal(|ui| {
        for action in accept {
            if ui.button(action.label()).clicked() {
                out.push((*action).into());
            }
        }
        ui.button("Huỷ").clicked()
    })
    .inner
}

/// A window is placed by the size it had the frame before: draw it again until its size
/// stops changing, so that new contents settle in place without waiting for the mouse.
pub(crate) fn settle(ctx: &egui::Context, last: &mut egui::Vec2, now: egui::Vec2) {
    if now != *last {
        *last = now;
        ctx.request_repaint();
    }
}
pub use convert::ConvertDialog;
pub use find::FindBox;
pub use import_report::ImportDialog;
pub use preview::Preview;
pub use problems::ProblemsPanel;
pub use rollup::RollupView;
pub use table_import::TableImport;
pub use template_editor::TemplateEditor;
