//! The window: the only module that knows eframe, egui, egui_extras and rfd.
//!
//! It draws the document and turns clicks and keys into [`command::Command`]s;
//! parsing, checking and saving happen in `model`, `rules` and `store`.

pub mod app;
pub mod command;
pub mod dialogs;
pub mod document;
pub mod findings;
pub mod general;
pub mod print;
pub mod table;
pub mod theme;

pub use app::PhulucApp;

/// Open the window; `file` is opened right away when given.
pub fn run(file: Option<std::path::PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Phụ lục CCHC")
            .with_app_id("phuluc")
            .with_inner_size([1366.0, 768.0])
            .with_min_inner_size([960.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "phuluc",
        options,
        Box::new(move |cc| {
            let mut app = PhulucApp::from_creation_context(cc)?;
            if let Some(file) = file
                && let Err(message) = app.open_path(&file)
            {
                app.dialog = Some(app::Dialog::Message {
                    title: "Không mở được báo cáo".to_owned(),
                    text: message,
                });
            }
            Ok(Box::new(app))
        }),
    )
}
