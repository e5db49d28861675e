//! Paper and spreadsheets: the appendix as an A4 PDF in the official layout, as a Word
//! document and as an Excel workbook, and the blank form to fill in by hand
//! ([`Sheet::blank`]). All are made from one [`sheet::Sheet`], so every number is
//! printed and exported exactly as the window shows it.

pub mod docx;
pub mod pdf;
pub mod sheet;
mod table_cells;
pub mod xlsx;

pub use sheet::Sheet;
