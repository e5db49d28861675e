//! phuluc: fill in, check and print "Phụ lục 2, Bảng 2 – Thống kê số liệu và kết quả
//! thực hiện công tác cải cách hành chính", the statistics appendix of the yearly
//! administrative-reform report of a Vietnamese commune or district.
//!
//! Module map (who may use whom):
//! - [`model`]: the form's vocabulary (template, ids, values, report, undo); no I/O.
//! - [`rules`]: checks a report against its template; uses `model` only.
//! - [`store`]: report and template files on disk (format, atomic save, backup).
//! - [`export`]: the appendix on paper (PDF, typst) and in Excel, in memory; uses
//!   `model` and `rules` only.
//! - [`export_file`]: writes an export to a file (atomically), for the window and the
//!   command line alike.
//! - [`session`]: the open report as a service: its file, lock, read-only mode,
//!   autosave and recovery offers; uses `model`, `rules`, `store`, `export_file`;
//!   never egui.
//! - [`import`]: tables read from the province's files (.docx, .xlsx, .csv, .tsv,
//!   clipboard HTML) as a grid of cells, for `model::template::from_table` (a blank form
//!   into a template) and `model::import_values` (a filled one into a report); uses `model`.
//! - [`rollup`]: many units' reports combined into one table (the province's view);
//!   uses `model`, `rules`, `store`.
//! - [`cli`]: the command line (`phuluc check …`, `phuluc export …`); never the window.
//! - [`gui`]: the eframe/egui window; draws, sends commands and asks the session.
//!   Only `main` starts it.

pub mod cli;
pub mod export;
pub mod export_file;
pub mod gui;
pub mod import;
pub mod model;
pub mod rollup;
pub mod rules;
pub mod session;
pub mod store;
