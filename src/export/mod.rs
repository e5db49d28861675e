//! Paper and spreadsheets: the appendix as an A4 PDF in the official layout and as
//! an Excel workbook. Both are made from one [`sheet::Sheet`], so every number is
//! printed and exported exactly as the window shows it.

pub mod pdf;
pub mod sheet;
pub mod xlsx;

pub use sheet::Sheet;
