//! phuluc: fill in, check and print "Phụ lục 2, Bảng 2 – Thống kê số liệu và kết quả
//! thực hiện công tác cải cách hành chính", the statistics appendix of the yearly
//! administrative-reform report of a Vietnamese commune or district.
//!
//! Module map (who may use whom):
//! - [`model`]: the form's vocabulary (template, ids, values, report, undo); no I/O.
//! - [`rules`]: checks a report against its template; uses `model` only.
//! - [`store`]: report and template files on disk (format, atomic save, backup).
//! - [`export`]: the appendix on paper (PDF, typst) and in Excel; uses `model` only.
//! - [`cli`]: the command line (`phuluc check …`); never the window.
//! - [`gui`]: the eframe/egui window; draws and sends commands. Only `main` starts it.

pub mod cli;
pub mod export;
pub mod export_file;
pub mod gui;
pub mod model;
pub mod rules;
pub mod store;
