//! The window: the only module that knows eframe, egui, egui_extras and rfd.
//!
//! It draws the report and turns clicks and keys into [`command::Command`]s; what
//! they do to the report and its file is the [`crate::session`]'s work.
//!
//! - `app/`: the window's state, its frame loop, commands applied, bars and shortcuts.
//! - `command`: every user action with its label and shortcut; commands with data.
//! - `questions`: modal questions, queued; `notices`: outcomes said in passing.
//! - `panels/`: the find box, the problems panel, the print preview, the roll-up view,
//!   the template editor, the dialogs that make a template of a table and that move a
//!   report onto another template.
//! - `table`, `general`: the indicator tables and the general information.
//! - `files`: native file dialogs; `theme`: fonts and colours; `renderer`: which
//!   renderer draws the window (wgpu, else OpenGL).

pub mod app;
pub mod command;
pub mod files;
pub mod general;
pub mod notices;
pub mod panels;
pub mod questions;
pub mod renderer;
pub mod table;
pub mod theme;

pub use app::PhulucApp;

/// Open the window. One report file in `paths` is opened right away; several files or a
/// folder are combined (the roll-up view). Renderers are tried in the order
/// [`renderer::order`] gives; the error says why each one failed.
pub fn run(paths: Vec<std::path::PathBuf>) -> Result<(), String> {
    let forced = std::env::var(renderer::RENDERER_VAR).ok();
    let mut failures = Vec::new();
    for renderer in renderer::order(forced.as_deref()) {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title("Phụ lục CCHC")
                .with_app_id("phuluc")
                .with_inner_size([1366.0, 768.0])
                .with_min_inner_size([960.0, 560.0]),
            renderer,
            wgpu_options: renderer::wgpu_configuration(),
            // A portable copy keeps even its window preferences beside it.
            persistence_path: crate::store::portable_dir(),
            ..Default::default()
        };
        let paths = paths.clone();
        let started = eframe::run_native(
            "phuluc",
            options,
            Box::new(move |cc| {
                let mut app = PhulucApp::from_creation_context(cc)?;
                match paths.as_slice() {
                    [] => {}
                    [one] if one.is_file() => app.open_path(one),
                    _ => app.send(command::Command::Rollup(paths)),
                }
                Ok(Box::new(app))
            }),
        );
        match started {
            Ok(()) => return Ok(()),
            Err(e) => failures.push(format!("{renderer:?}: {e}")),
        }
    }
    Err(failures.join("; "))
}
