//! The form's vocabulary: templates, indicator ids, values and reports.
//!
//! Nothing in here touches files, the screen or the clock, so every rule about
//! what a value means can be tested in isolation and reused by the window, the
//! command line and the exporters alike.

pub mod check;
pub mod general;
pub mod history;
pub mod ids;
pub mod import_values;
pub mod migrate;
pub mod previous;
pub mod report;
pub mod strict_json;
pub mod template;
pub mod value;

pub use history::History;
pub use ids::{Depth, IndicatorId};
pub use previous::PreviousYear;
pub use report::{Cell, Change, DocumentParts, DocumentRef, Entry, GeneralInfo, Report, Value};
pub use template::{Choice, Combine, Kind, Level, LevelChoice, Row, Template};
