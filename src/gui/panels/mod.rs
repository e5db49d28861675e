//! Panels and windows that own their state and draw themselves (egui demo style):
//! the find box, the problems panel, the print preview, the roll-up view
//! and its progress, the template editor and the dialog that makes a template of a table,
//! the dialog that moves a report onto another template.

pub mod combining;
pub mod convert;
pub mod find;
pub mod preview;
pub mod problems;
pub mod rollup;
pub mod table_import;
pub mod template_editor;

pub use combining::Combining;
pub use convert::ConvertDialog;
pub use find::FindBox;
pub use preview::Preview;
pub use problems::ProblemsPanel;
pub use rollup::RollupView;
pub use table_import::TableImport;
pub use template_editor::TemplateEditor;
