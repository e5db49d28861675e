//! Panels and windows that own their state and draw themselves (egui demo style):
//! the find box, the problems panel, the print preview, the roll-up view
//! and its progress.

pub mod combining;
pub mod find;
pub mod preview;
pub mod problems;
pub mod rollup;

pub use combining::Combining;
pub use find::FindBox;
pub use preview::Preview;
pub use problems::ProblemsPanel;
pub use rollup::RollupView;
