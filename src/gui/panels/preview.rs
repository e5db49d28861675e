//! The print preview: the pages exactly as they will print (typeset by typst,
//! drawn to textures), with buttons to print or close.

use crate::export::Sheet;
use crate::export::pdf::{self, PageImage};
use crate::gui::command::{Action, Command};

/// Pixels per point of the preview: sharp enough to read 12 pt text, cheap to draw.
const PREVIEW_SCALE: f32 = 1.5;

/// The preview: the pages as textures.
pub struct Preview {
    /// One texture per page.
    pub pages: Vec<(egui::TextureHandle, [usize; 2])>,
    /// Whether the pages carry the draft mark.
    pub draft: bool,
    /// Whether the pages are landscape ("Khổ ngang").
    pub landscape: bool,
}

impl Preview {
    /// Typeset and draw the pages for the preview.
    pub fn new(ctx: &egui::Context, sheet: &Sheet) -> Result<Preview, String> {
        let document = pdf::typeset(sheet).map_err(|e| e.to_string())?;
        let images = pdf::render_pages(&document, PREVIEW_SCALE);
        let pages = images
            .into_iter()
            .enumerate()
            .map(
                |(
                    i,
                    PageImage {
                        width,
                        height,
                        rgba,
                    },
                )| {
                    let size = [width as usize, height as usize];
                    let image = egui::ColorImage::from_rgba_premultiplied(size, &rgba);
                    let texture = ctx.load_texture(
                        format!("trang-{}", i + 1),
                        image,
                        egui::TextureOptions::LINEAR,
                    );
                    (texture, size)
                },
            )
            .collect();
        Ok(Preview {
            pages,
            draft: sheet.draft,
            landscape: sheet.landscape,
        })
    }

    /// Draw the preview window below `top` (the menu bar's bottom, which stays in reach);
    /// its buttons push commands to `out`.
    pub fn show(&self, ctx: &egui::Context, top: f32, out: &mut Vec<Command>) {
        let mut open = true;
        let mut area = ctx.content_rect();
        area.min.y = area.min.y.max(top);
        egui::Window::new("Xem trước bản in")
            .open(&mut open)
            .default_size([720.0, 680.0])
            .constrain_to(area)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    for action in [Action::Print, Action::ClosePreview] {
                        if ui.button(action.label()).clicked() {
                            out.push(action.into());
                        }
                    }
                    let mut landscape = self.landscape;
                    if ui
                        .checkbox(&mut landscape, "Khổ ngang")
                        .on_hover_text("In, xuất PDF, Word và Excel trên A4 nằm ngang")
                        .clicked()
                    {
                        out.push(Action::ToggleLandscape.into());
                    }
                    let orientation = if self.landscape { "ngang" } else { "dọc" };
                    ui.label(format!("{} trang, A4 {orientation}", self.pages.len()));
                    if self.draft {
                        ui.label(
                            egui::RichText::new("BẢN NHÁP: báo cáo còn lỗi")
                                .color(crate::gui::theme::ERROR),
                        );
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let width = ui.available_width().min(820.0);
                    for (i, (texture, size)) in self.pages.iter().enumerate() {
                        let height = width * size[1] as f32 / size[0] as f32;
                        ui.add(egui::Image::new((texture.id(), egui::vec2(width, height))))
                            .accessible_name(format!("Trang {} / {}", i + 1, self.pages.len()));
                        ui.add_space(8.0);
                    }
                });
            });
        if !open {
            out.push(Action::ClosePreview.into());
        }
    }
}
