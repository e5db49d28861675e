//! A roll-up being read: the files are read on other threads while the window shows
//! how far it has come ("Đã đọc 1.234 / 3.321 tệp") and a button that stops it.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use egui::Modal;

use crate::model::value::format_number;
use crate::rollup::{NothingToCombine, Progress, Rollup};
use crate::store::templates::TemplateStore;

type Outcome = Result<Rollup, NothingToCombine>;

/// A roll-up being read in the background.
pub struct Combining {
    progress: Arc<Progress>,
    worker: Option<JoinHandle<Outcome>>,
    /// The outcome when it was read on this thread (no other thread could be started).
    done: Option<Outcome>,
}

impl Combining {
    /// Start reading `inputs` on another thread.
    pub fn start(inputs: Vec<PathBuf>, templates: TemplateStore) -> Combining {
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let (in_thread, here) = (inputs.clone(), templates.clone());
        let worker = std::thread::Builder::new()
            .name("tong-hop".to_owned())
            .spawn(move || crate::rollup::gather_with(&in_thread, &here, None, &shared));
        match worker {
            Ok(worker) => Combining {
                progress,
                worker: Some(worker),
                done: None,
            },
            // The PC is out of threads: read here, the window waits.
            Err(_) => Combining {
                done: Some(crate::rollup::gather_with(
                    &inputs, &templates, None, &progress,
                )),
                progress,
                worker: None,
            },
        }
    }

    /// The outcome, once the readers are done.
    pub fn finished(&mut self) -> Option<Outcome> {
        if let Some(done) = self.done.take() {
            return Some(done);
        }
        if self.worker.as_ref().is_some_and(|w| !w.is_finished()) {
            return None;
        }
        let worker = self.worker.take()?;
        Some(worker.join().unwrap_or_else(|_| {
            Err(NothingToCombine::Nothing(
                "lỗi trong chương trình khi tổng hợp".to_owned(),
            ))
        }))
    }

    /// The progress window; asks the readers to stop when the officer says so.
    pub fn show(&self, ctx: &egui::Context) {
        let (read, files) = self.progress.read_of();
        Modal::new(egui::Id::unique("combining")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.heading("Đang tổng hợp");
            if files == 0 {
                ui.label("Đang tìm các tệp báo cáo…");
                ui.add(egui::ProgressBar::new(0.0).animate(true));
            } else {
                #[allow(clippy::cast_precision_loss)]
                let share = read as f32 / files as f32;
                ui.label(format!(
                    "Đã đọc {} / {} tệp",
                    format_number(read as f64),
                    format_number(files as f64)
                ));
                ui.add(egui::ProgressBar::new(share).show_percentage());
            }
            if ui.button("Dừng").clicked() {
                self.progress.stop();
            }
        });
        // Keep the bar moving while the readers work.
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
    }
}
