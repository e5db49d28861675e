//! Modal questions and messages, one at a time, in the order they arose.
//!
//! A question is never replaced by another: a new one waits in the queue until the
//! officer has answered those before it (as rerun's and most office programs' modal
//! stacks do). Outcomes that need no answer are notices ([`super::notices`]) instead.

use std::collections::VecDeque;
use std::path::PathBuf;

use egui::{Key, Modal};

use super::command::{Action, Command};
use crate::session::Offer;

/// A question, or a message the officer must read before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Something went wrong; what to do.
    Message {
        /// Title.
        title: String,
        /// Text.
        text: String,
    },
    /// "Save changes?" before the command that would replace the report.
    Unsaved(Box<Command>),
    /// "The report has N errors: print a draft?"
    ConfirmDraft(usize),
    /// "Someone else has this report open."
    Locked {
        /// The report.
        path: PathBuf,
        /// Who, where, since when.
        who: String,
    },
    /// "Restore the unsaved work found from the last run?"
    Recover(Offer),
    /// "The template was saved: start a report on it?"
    TemplateSaved {
        /// Its name.
        name: String,
        /// Its id.
        id: String,
        /// Its version.
        version: String,
        /// Where it is kept.
        path: PathBuf,
    },
    /// "Drop the template editor's unsaved changes?"
    TemplateUnsaved,
}

impl Question {
    /// A message from a failure of the session.
    pub fn failure(failure: crate::session::Failure) -> Question {
        Question::Message {
            title: failure.title.to_owned(),
            text: failure.text,
        }
    }
}

/// What the officer answered.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// Closed (OK, Cancel, Escape).
    Close,
    /// Save, then carry out the command.
    Save(Command),
    /// Do not save, carry out the command.
    Discard(Command),
    /// Carry out this command.
    Then(Command),
}

/// The questions waiting, the first one shown.
#[derive(Debug, Default)]
pub struct Questions {
    queue: VecDeque<Question>,
}

impl Questions {
    /// Ask after the questions already waiting. The same question asked again while it
    /// waits (the close button clicked twice, Ctrl+P pressed twice) is asked once.
    pub fn push(&mut self, question: Question) {
        if !self.queue.contains(&question) {
            self.queue.push_back(question);
        }
    }

    /// The question shown now.
    pub fn current(&self) -> Option<&Question> {
        self.queue.front()
    }

    /// Forget the question shown now, unanswered (it no longer needs asking).
    pub fn drop_current(&mut self) {
        self.queue.pop_front();
    }

    /// How many are waiting, the one shown included.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Whether none is waiting.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Show the first question; once it is answered it leaves the queue, and comes back
    /// with its answer.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<(Question, Answer)> {
        let answer = modal(ctx, self.queue.front()?)?;
        self.queue.pop_front().map(|question| (question, answer))
    }
}

/// Draw one question; `None` while it is unanswered.
fn modal(ctx: &egui::Context, question: &Question) -> Option<Answer> {
    let mut answer = None;
    let response = Modal::new(egui::Id::unique("question")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        let (title, text) = wording(question);
        ui.heading(title);
        ui.add_space(6.0);
        ui.label(text);
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            for (label, choice) in choices(question) {
                if ui.button(label).clicked() {
                    answer = Some(choice);
                }
            }
        });
        if matches!(question, Question::Message { .. }) && ui.input(|i| i.key_pressed(Key::Enter)) {
            answer = Some(Answer::Close);
        }
    });
    if answer.is_none() && response.should_close() {
        answer = Some(Answer::Close);
    }
    answer
}

/// The heading and the text of a question.
fn wording(question: &Question) -> (String, String) {
    match question {
        Question::Message { title, text } => (title.clone(), text.clone()),
        Question::Recover(Offer {
            name,
            saved_at,
            summary,
        }) => (
            "Khôi phục dữ liệu chưa lưu?".to_owned(),
            format!(
                "Lần trước chương trình đã đóng khi còn dữ liệu chưa lưu. Có bản tự động lưu của “{name}” lúc {saved_at}: {summary}."
            ),
        ),
        Question::Locked { who, .. } => (
            "Báo cáo đang được mở ở nơi khác".to_owned(),
            format!(
                "{who}. Hai người cùng sửa một tệp sẽ ghi đè lên nhau. Có thể mở chỉ đọc để xem, hoặc — nếu chắc chắn nơi kia đã đóng — mở để sửa."
            ),
        ),
        Question::ConfirmDraft(errors) => (
            "Báo cáo còn lỗi".to_owned(),
            format!(
                "Báo cáo còn {errors} lỗi. Có thể in bản nháp để rà soát: mỗi trang sẽ có dấu “BẢN NHÁP”. Bản chính thức chỉ in được khi đã hết lỗi."
            ),
        ),
        Question::Unsaved(_) => (
            "Lưu thay đổi?".to_owned(),
            "Báo cáo có thay đổi chưa lưu. Lưu trước khi tiếp tục?".to_owned(),
        ),
        Question::TemplateSaved {
            name,
            id,
            version,
            path,
        } => (
            "Đã lưu mẫu biểu".to_owned(),
            format!(
                "Mẫu “{name}” (mã {id}, phiên bản {version}) đã được lưu vào “{}”. Mẫu cũ và các báo cáo đã làm theo mẫu cũ được giữ nguyên.",
                path.display()
            ),
        ),
        Question::TemplateUnsaved => (
            "Bỏ thay đổi của mẫu biểu?".to_owned(),
            "Mẫu biểu đang sửa có thay đổi chưa lưu. Đóng trình sửa mẫu thì các thay đổi đó mất; muốn giữ thì bấm Huỷ rồi “Lưu thành mẫu mới”.".to_owned(),
        ),
    }
}

/// The buttons of a question and what each answers.
fn choices(question: &Question) -> Vec<(&'static str, Answer)> {
    const CANCEL: &str = "Huỷ";
    let action = |a: Action| (a.label(), Answer::Then(a.into()));
    match question {
        Question::Message { .. } => vec![("Đóng", Answer::Close)],
        Question::Recover(_) => vec![
            action(Action::RestoreRecovery),
            action(Action::SetAsideRecovery),
        ],
        Question::Locked { path, .. } => vec![
            (
                "Mở chỉ đọc",
                Answer::Then(Command::OpenReadOnly(path.clone())),
            ),
            (
                "Vẫn mở để sửa",
                Answer::Then(Command::OpenTakeOver(path.clone())),
            ),
            (CANCEL, Answer::Close),
        ],
        Question::ConfirmDraft(_) => vec![
            action(Action::PrintDraft),
            (
                "Xem danh sách lỗi",
                Answer::Then(Action::ToggleProblems.into()),
            ),
            (CANCEL, Answer::Close),
        ],
        Question::Unsaved(next) => vec![
            ("Lưu", Answer::Save((**next).clone())),
            ("Không lưu", Answer::Discard((**next).clone())),
            (CANCEL, Answer::Close),
        ],
        Question::TemplateSaved { id, version, .. } => vec![
            (
                "Lập báo cáo mới theo mẫu này",
                Answer::Then(Command::NewFromKept {
                    id: id.clone(),
                    version: version.clone(),
                }),
            ),
            ("Tiếp tục sửa mẫu", Answer::Close),
        ],
        Question::TemplateUnsaved => vec![action(Action::DiscardTemplate), (CANCEL, Answer::Close)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> Question {
        Question::Message {
            title: "Chưa lưu được".to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn questions_wait_in_order_and_none_replaces_another() {
        let mut q = Questions::default();
        q.push(Question::Unsaved(Box::new(Action::New.into())));
        q.push(message("ổ đĩa đã đầy"));
        q.push(Question::ConfirmDraft(2));
        assert_eq!(q.len(), 3);
        assert_eq!(
            q.current(),
            Some(&Question::Unsaved(Box::new(Action::New.into())))
        );
    }

    #[test]
    fn the_same_question_twice_is_asked_once() {
        let mut q = Questions::default();
        q.push(Question::Unsaved(Box::new(Action::Quit.into())));
        q.push(Question::Unsaved(Box::new(Action::Quit.into())));
        q.push(Question::Unsaved(Box::new(Action::New.into())));
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn every_question_can_be_answered_or_closed() {
        let offer = Offer {
            name: "a.phuluc.json".to_owned(),
            saved_at: "28/11/2026 08:00".to_owned(),
            summary: "1 chỉ tiêu đã nhập (I.1.1)".to_owned(),
        };
        for question in [
            message("x"),
            Question::Unsaved(Box::new(Action::New.into())),
            Question::ConfirmDraft(1),
            Question::Locked {
                path: PathBuf::from("a.phuluc.json"),
                who: "thuy".to_owned(),
            },
            Question::Recover(offer),
            Question::TemplateSaved {
                name: "Mẫu 2025".to_owned(),
                id: "cchc-pl2-bang2".to_owned(),
                version: "2025".to_owned(),
                path: PathBuf::from("cchc-pl2-bang2@2025.json"),
            },
            Question::TemplateUnsaved,
        ] {
            let (title, text) = wording(&question);
            assert!(!title.is_empty() && !text.is_empty(), "{question:?}");
            assert!(!choices(&question).is_empty(), "{question:?}");
        }
    }
}
