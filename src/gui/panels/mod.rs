//! Panels and windows that own their state and draw themselves (egui demo style):
//! the find box, the problems panel, the print preview, the roll-up view.

pub mod find;
pub mod preview;
pub mod problems;
pub mod rollup;

pub use find::FindBox;
pub use preview::Preview;
pub use problems::ProblemsPanel;
pub use rollup::RollupView;
